import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { Scheduler } from '../ports/scheduler';
import { RECONCILE_AT_START_ID, RECONCILE_JOB_ID } from './reconcile-timers';

/** How often each worker looks for the reconcile schedule in Redis: one cheap read a minute. */
export const RECONCILE_WATCH_MS = 60_000;

export interface ReconcileWatchdog {
  /** Looks once; true when the schedule was missing and a reconcile was asked for. */
  check(): Promise<boolean>;
  stop(): void;
}

/**
 * Redis can lose everything (a flush, a failover to a replica that did not have the data), the reconcile
 * schedule included; then nothing would put the lost timers back until a process restarts. Each worker
 * checks every minute that the schedule is still there and, if not, asks for one reconcile under the
 * start-up reconcile's job id (so workers that notice together run it once), which registers the schedule
 * again. A check that fails (Redis down) is logged, and the next one tries again.
 */
export function watchReconcileSchedule(
  deps: { scheduler: Scheduler; clock: Clock; logger: Logger },
  everyMs = RECONCILE_WATCH_MS,
): ReconcileWatchdog {
  async function check(): Promise<boolean> {
    if ((await deps.scheduler.repeatingIds()).has(RECONCILE_JOB_ID)) return false;
    deps.logger.warn(
      { schedule: RECONCILE_JOB_ID },
      'the reconcile schedule is gone from Redis (flushed or failed over?); reconciling now',
    );
    await deps.scheduler.schedule(RECONCILE_AT_START_ID, deps.clock.now(), { type: 'reconcile' });
    return true;
  }
  const timer = setInterval(() => {
    check().catch((err: unknown) => deps.logger.warn({ err }, 'could not look for the reconcile schedule'));
  }, everyMs);
  // It never keeps a process alive on its own.
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
