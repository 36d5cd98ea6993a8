import type { Actor } from '../commands/command-context';
import { runInContext, type CoreDeps } from '../commands/run-in-context';
import { deliverNudges, timerKey, type NudgeTimer } from '../commands/use-cases/checkins/deliver-nudges';
import { fireRound } from '../commands/use-cases/rounds/fire-round';
import type { Outbound } from '../ports/outbound';
import type { ScheduledTask } from '../ports/scheduler';
import { nudgeBatcher } from './nudge-batcher';
import { claimUntil } from './outbox-deliverer';
import { reconcileTimers } from './reconcile-timers';

/** How many more due nudges a batch takes beyond the timers that fired (see deliverNudges). */
const ALSO_DUE_PER_BATCH = 1_000;
/** Settled nudge timers remembered per process; a burst's own timers arrive within seconds of it. */
const REMEMBERED = 100_000;

/**
 * Nudge timers a committed batch settled, oldest forgotten first. A settled (nudge, generation) never
 * becomes due again (a moved nudge gets a new generation), so a timer found here is stale for certain.
 */
function recentlySettled() {
  const keys = new Set<string>();
  return {
    has: (timer: NudgeTimer) => keys.has(timerKey(timer)),
    add(timer: NudgeTimer) {
      keys.add(timerKey(timer));
      if (keys.size > REMEMBERED) keys.delete(keys.values().next().value!);
    },
  };
}

/** Timer-driven work acts as the bot itself, with moderator rights inside its own community. */
export const SYSTEM_ACTOR: Actor = { id: 'system:mentor-bot', displayName: 'mentor-bot', isAdmin: true };

/**
 * What a fired timer does. Each kind is idempotent on its own rows (a nudge is claimed in Postgres; a round
 * reuses the open draft), so a timer that fires twice, late, or after a crash does no harm. Nudge timers
 * that fire together are delivered together (see nudgeBatcher), and their messages are handed straight to
 * `outbound` in this process. An expected failure is logged, not retried; anything thrown is retried by the
 * scheduler.
 */
export function scheduledTaskRunner(
  deps: CoreDeps,
  outbound?: Outbound,
  { alsoDuePerBatch = ALSO_DUE_PER_BATCH } = {},
): (task: ScheduledTask) => Promise<void> {
  const asBot = (communityId: string) => ({ communityId, communityName: '', actor: SYSTEM_ACTOR });
  const settled = recentlySettled();
  const nudges = nudgeBatcher({
    async deliver(communityId, timers) {
      // With an outbound here, the batch claims its messages and this process sends them after the commit.
      const claim = outbound ? { claimUntil: claimUntil(deps.clock.now()) } : {};
      const outcome = await runInContext(deps, asBot(communityId), (ctx) =>
        deliverNudges(ctx, timers, { alsoDue: alsoDuePerBatch, ...claim }),
      );
      if (!outcome.ok) deps.logger.warn({ communityId, timers, reason: outcome.message }, 'nudge timers did nothing');
      else if ('value' in outcome) {
        for (const timer of outcome.value.settled) settled.add(timer);
        // The batch took as many due nudges as it may, so more are due (a burst): the next batch starts now,
        // not when one of their timers fires, and the timers that fire later find their nudges settled.
        if (outcome.value.moreDue) nudges.pull(communityId);
        // Not awaited: the timers are done once committed; the messages are the outbox's to keep.
        void outbound?.handOff(outcome.value.claimed);
      }
    },
  });
  return async (task) => {
    if (task.type === 'reconcile') {
      await reconcileTimers(deps);
      await outbound?.resync();
    } else if (task.type === 'nudge') {
      const timer = { nudgeId: task.nudgeId, generation: task.generation };
      // Settled by an earlier batch of this process (committed): nothing left to do, not even a query.
      if (!settled.has(timer)) await nudges.add(task.communityId, timer);
    } else {
      const outcome = await runInContext(deps, asBot(task.communityId), (ctx) => fireRound(ctx));
      if (!outcome.ok) deps.logger.warn({ task, reason: outcome.message }, 'scheduled task did nothing');
    }
  };
}
