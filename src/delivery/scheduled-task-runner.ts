import type { Actor } from '../commands/command-context';
import { runInContext, type CoreDeps } from '../commands/run-in-context';
import { deliverNudges } from '../commands/use-cases/checkins/deliver-nudges';
import { fireRound } from '../commands/use-cases/rounds/fire-round';
import type { Outbound } from '../ports/outbound';
import type { ScheduledTask } from '../ports/scheduler';
import { nudgeBatcher } from './nudge-batcher';
import { reconcileTimers } from './reconcile-timers';

/** Timer-driven work acts as the bot itself, with moderator rights inside its own community. */
export const SYSTEM_ACTOR: Actor = { id: 'system:mentor-bot', displayName: 'mentor-bot', isAdmin: true };

/**
 * What a fired timer does. Each kind is idempotent on its own rows (a nudge is claimed in Postgres; a round
 * reuses the open draft), so a timer that fires twice, late, or after a crash does no harm. Nudge timers
 * that fire together are delivered together (see nudgeBatcher). An expected failure is logged, not
 * retried; anything thrown is retried by the scheduler.
 */
export function scheduledTaskRunner(deps: CoreDeps, outbound?: Outbound): (task: ScheduledTask) => Promise<void> {
  const asBot = (communityId: string) => ({ communityId, communityName: '', actor: SYSTEM_ACTOR });
  const nudges = nudgeBatcher({
    async deliver(communityId, timers) {
      const outcome = await runInContext(deps, asBot(communityId), (ctx) => deliverNudges(ctx, timers));
      if (!outcome.ok) deps.logger.warn({ communityId, timers, reason: outcome.message }, 'nudge timers did nothing');
      else deps.logger.debug({ communityId, timers: timers.length }, 'nudge timers done');
    },
  });
  return async (task) => {
    if (task.type === 'reconcile') {
      await reconcileTimers(deps);
      await outbound?.resync();
    } else if (task.type === 'nudge') {
      await nudges.add(task.communityId, { nudgeId: task.nudgeId, generation: task.generation });
    } else {
      const outcome = await runInContext(deps, asBot(task.communityId), (ctx) => fireRound(ctx));
      if (!outcome.ok) deps.logger.warn({ task, reason: outcome.message }, 'scheduled task did nothing');
    }
  };
}
