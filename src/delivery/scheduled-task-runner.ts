import type { Actor } from '../commands/command-context';
import { runInContext, type CoreDeps } from '../commands/run-in-context';
import { deliverNudge } from '../commands/use-cases/checkins/deliver-nudge';
import { fireRound } from '../commands/use-cases/rounds/fire-round';
import type { Outbound } from '../ports/outbound';
import type { ScheduledTask } from '../ports/scheduler';
import { reconcileTimers } from './reconcile-timers';

/** Timer-driven work acts as the bot itself, with moderator rights inside its own community. */
export const SYSTEM_ACTOR: Actor = { id: 'system:mentor-bot', displayName: 'mentor-bot', isAdmin: true };

/**
 * What a fired timer does. Each kind is idempotent on its own rows (a nudge is claimed in Postgres; a round
 * reuses the open draft), so a timer that fires twice, late, or after a crash does no harm. An expected
 * failure is logged, not retried; anything thrown is retried by the scheduler.
 */
export function scheduledTaskRunner(deps: CoreDeps, outbound?: Outbound): (task: ScheduledTask) => Promise<void> {
  return async (task) => {
    if (task.type === 'reconcile') {
      await reconcileTimers(deps);
      await outbound?.resync();
      return;
    }
    const request = { communityId: task.communityId, communityName: '', actor: SYSTEM_ACTOR };
    const outcome =
      task.type === 'nudge'
        ? await runInContext(deps, request, (ctx) => deliverNudge(ctx, task.nudgeId, task.generation))
        : await runInContext(deps, request, (ctx) => fireRound(ctx));
    if (!outcome.ok) deps.logger.warn({ task, reason: outcome.message }, 'scheduled task did nothing');
    else deps.logger.debug({ task }, 'scheduled task done');
  };
}
