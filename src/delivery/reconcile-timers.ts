import { nudgeJobId, nudgeTask, timerDueSoon } from '../domain/nudge';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { Scheduler } from '../ports/scheduler';
import type { Store } from '../ports/store';

export const RECONCILE_JOB_ID = 'reconcile';
/** A start-up reconcile shares one id across processes, so workers starting together run it once. */
export const RECONCILE_AT_START_ID = 'reconcile-at-start';
/** Often enough that a Redis flush or failover costs at most a few minutes of lateness. */
export const RECONCILE_CRON = '*/5 * * * *';

export interface ReconcileReport {
  nudgesAdded: number;
  timersRemoved: number;
  roundSchedules: number;
  eventsPruned: number;
}

/** Inbound event ids are kept a day: far longer than any platform retries, short enough to hold little. */
export const EVENT_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * Makes the scheduler match Postgres: every nudge due within the timer horizon has its timer (added if Redis
 * lost it, or as a later check-in comes within the horizon), timers of nudges that are gone are removed, and
 * every community's round schedule is registered. Safe to run any time and from any process; scheduling is
 * idempotent by job id.
 */
export async function reconcileTimers(deps: {
  store: Store;
  scheduler: Scheduler;
  logger: Logger;
  clock: Clock;
}): Promise<ReconcileReport> {
  const { store, scheduler } = deps;
  const nudges = await store.scheduledNudges();
  const wanted = new Set(nudges.map(nudgeJobId));
  const pending = await scheduler.pendingIds();
  // Timers of check-ins beyond the horizon are set by a later run, as they come within it.
  const now = deps.clock.now();
  const missing = nudges
    .filter((nudge) => timerDueSoon(nudge.dueAt, now) && !pending.has(nudgeJobId(nudge)))
    .map((nudge) => ({ id: nudgeJobId(nudge), at: nudge.dueAt, task: nudgeTask(nudge) }));
  // In slices, so rebuilding a large backlog never becomes one huge Redis request.
  for (let start = 0; start < missing.length; start += 1000) {
    await scheduler.scheduleAll(missing.slice(start, start + 1000));
  }
  const nudgesAdded = missing.length;
  let timersRemoved = 0;
  for (const id of pending) {
    if (id.startsWith('nudge:') && !wanted.has(id)) {
      await scheduler.cancel(id);
      timersRemoved++;
    }
  }
  const schedules = await store.roundSchedules();
  const rounds = new Set<string>();
  for (const { communityId, cron, timezone } of schedules) {
    const id = `round:${communityId}`;
    rounds.add(id);
    await scheduler.repeat(id, cron, timezone, { type: 'round', communityId });
  }
  for (const id of await scheduler.repeatingIds()) {
    if (id.startsWith('round:') && !rounds.has(id)) {
      await scheduler.stopRepeating(id);
      timersRemoved++;
    }
  }
  await scheduler.repeat(RECONCILE_JOB_ID, RECONCILE_CRON, 'UTC', { type: 'reconcile' });
  const pruned = await store.pruneProcessedEvents(new Date(deps.clock.now().getTime() - EVENT_RETENTION_MS));
  const report = { nudgesAdded, timersRemoved, roundSchedules: schedules.length, eventsPruned: pruned };
  if (nudgesAdded || timersRemoved) deps.logger.info(report, 'timers reconciled with Postgres');
  return report;
}
