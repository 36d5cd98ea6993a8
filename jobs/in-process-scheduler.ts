import { CronExpressionParser } from 'cron-parser';
import { systemClock, type Clock } from '../src/ports/clock';
import type { Logger } from '../src/ports/logger';
import type { Metrics } from '../src/ports/metrics';
import { scheduledTaskSchema, type ScheduledTask, type Scheduler, type TimerRequest } from '../src/ports/scheduler';

export interface InProcessSchedulerOptions {
  clock?: Clock;
  logger: Logger;
  /**
   * Longest the scheduler sleeps before looking at the clock again. Timers count real elapsed time while
   * due times are wall-clock (`clock.now()`), so a wall clock that jumps (NTP, suspend, a fake clock in
   * tests) is noticed within this interval.
   */
  pollIntervalMs?: number;
  /** Tasks run at the same time. */
  concurrency?: number;
  /** Runs of a task whose handler throws, counting the first. */
  attempts?: number;
  /** First retry delay; each further retry doubles it. */
  backoffMs?: number;
  metrics?: Metrics;
  /** How long `stop()` waits for running handlers. */
  stopTimeoutMs?: number;
}

/** One run to make: a one-off task, or one occurrence of a recurring schedule (with its retries). */
interface Run {
  at: number;
  task: ScheduledTask;
  attemptsMade: number;
  running: boolean;
  /** Set for one-off tasks: the id that `pendingIds()` reports. */
  oneOffId?: string;
  /** Set for occurrences of a recurring schedule. */
  scheduleId?: string;
}

interface Recurring {
  cron: string;
  timezone: string;
  task: ScheduledTask;
  nextAt: number;
}

/** setTimeout fires at once for delays above 2^31-1 ms (about 24.8 days), so longer waits are chained. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The embedded scheduler for the single-process default (no Redis). Everything lives in this process's
 * memory, so nothing survives a restart: on start-up the reconciler rebuilds pending and recurring tasks
 * from Postgres, which is the truth. Timing is best effort at least once, like the BullMQ scheduler.
 */
export function inProcessScheduler(options: InProcessSchedulerOptions): Scheduler {
  const clock = options.clock ?? systemClock;
  const log = options.logger.child({ component: 'in-process-scheduler' });
  const pollIntervalMs = Math.min(options.pollIntervalMs ?? 60_000, MAX_TIMER_MS);
  const concurrency = options.concurrency ?? 4;
  const attempts = options.attempts ?? 5;
  const backoffMs = options.backoffMs ?? 5_000;

  const runs = new Map<string, Run>();
  const recurring = new Map<string, Recurring>();
  const inFlight = new Set<Promise<void>>();
  let handler: ((task: ScheduledTask) => Promise<void>) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const oneOffKey = (id: string): string => `once:${id}`;

  async function scheduleAll(timers: TimerRequest[]): Promise<void> {
    for (const { id, at, task } of timers) {
      const key = oneOffKey(id);
      if (!runs.has(key)) runs.set(key, { at: at.getTime(), task, attemptsMade: 0, running: false, oneOffId: id });
    }
    arm();
  }

  function nextOccurrence(cron: string, timezone: string, after: number): number {
    return CronExpressionParser.parse(cron, { tz: timezone, currentDate: new Date(after) })
      .next()
      .getTime();
  }

  /** Turns due occurrences of recurring schedules into runs, and moves each schedule to its next time. */
  function materialize(now: number): void {
    for (const [id, schedule] of recurring) {
      if (schedule.nextAt > now) continue;
      // Occurrences missed while stopped or busy collapse into one: a round is not worth running twice.
      runs.set(`repeat:${id}@${schedule.nextAt}`, {
        at: schedule.nextAt,
        task: schedule.task,
        attemptsMade: 0,
        running: false,
        scheduleId: id,
      });
      schedule.nextAt = nextOccurrence(schedule.cron, schedule.timezone, now);
    }
  }

  /** Re-arms the single timer for the earliest thing due. Called after every change. */
  function arm(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!handler || stopped) return;
    let earliest = Infinity;
    // At full concurrency, waiting runs are picked up when a running one finishes (which re-arms).
    if (inFlight.size < concurrency) {
      for (const run of runs.values()) if (!run.running) earliest = Math.min(earliest, run.at);
    }
    for (const schedule of recurring.values()) earliest = Math.min(earliest, schedule.nextAt);
    if (earliest === Infinity) return;
    const delay = Math.min(Math.max(0, earliest - clock.now().getTime()), pollIntervalMs);
    timer = setTimeout(tick, delay);
  }

  function tick(): void {
    timer = undefined;
    const taskHandler = handler;
    if (!taskHandler || stopped) return;
    const now = clock.now().getTime();
    materialize(now);
    // A timer can fire a little before the wall clock reaches `at`; such runs wait for the next arm().
    const due = [...runs.entries()]
      .filter(([, run]) => !run.running && run.at <= now)
      .sort(([, a], [, b]) => a.at - b.at);
    for (const [key, run] of due) {
      if (inFlight.size >= concurrency) break;
      const running = execute(key, run, taskHandler).finally(() => {
        inFlight.delete(running);
        arm();
      });
      inFlight.add(running);
    }
    arm();
  }

  async function execute(key: string, run: Run, taskHandler: (task: ScheduledTask) => Promise<void>): Promise<void> {
    run.running = true;
    run.attemptsMade += 1;
    const context = { id: run.oneOffId, scheduleId: run.scheduleId, attemptsMade: run.attemptsMade };
    // Callers are typed, but a cast or a stale object must not reach a handler unchecked (same rule as BullMQ).
    const parsed = scheduledTaskSchema.safeParse(run.task);
    if (!parsed.success) {
      log.error({ ...context, issues: parsed.error.issues }, 'invalid scheduled task payload');
      runs.delete(key);
      return;
    }
    try {
      await taskHandler(parsed.data);
      runs.delete(key);
      options.metrics?.jobFinished('timers', 'processed');
    } catch (err) {
      if (run.attemptsMade >= attempts) {
        log.error({ ...context, err }, 'scheduled task failed for good');
        runs.delete(key);
        options.metrics?.jobFinished('timers', 'failed');
      } else {
        options.metrics?.jobFinished('timers', 'retried');
        run.at = clock.now().getTime() + backoffMs * 2 ** (run.attemptsMade - 1);
        log.warn({ ...context, err }, 'scheduled task failed; will retry');
      }
    } finally {
      run.running = false;
    }
  }

  /** Drops occurrences of a schedule that have not started, as BullMQ drops a removed scheduler's next job. */
  function dropWaitingOccurrences(scheduleId: string): void {
    for (const [key, run] of runs) if (run.scheduleId === scheduleId && !run.running) runs.delete(key);
  }

  return {
    scheduleAll,
    schedule: (id, at, task) => scheduleAll([{ id, at, task }]),

    async cancel(id) {
      const key = oneOffKey(id);
      // A running task is allowed to finish, as in BullMQ where a locked job cannot be removed.
      if (runs.get(key)?.running === false) runs.delete(key);
      arm();
    },

    async pendingIds() {
      const ids = new Set<string>();
      for (const run of runs.values()) if (run.oneOffId !== undefined) ids.add(run.oneOffId);
      return ids;
    },

    async repeat(id, cron, timezone, task) {
      // Parsing first means an invalid cron or time zone throws here, before anything changes.
      const nextAt = nextOccurrence(cron, timezone, clock.now().getTime());
      dropWaitingOccurrences(id);
      recurring.set(id, { cron, timezone, task, nextAt });
      arm();
    },

    async stopRepeating(id) {
      recurring.delete(id);
      dropWaitingOccurrences(id);
      arm();
    },

    async repeatingIds() {
      return new Set(recurring.keys());
    },

    async start(taskHandler) {
      if (handler) throw new Error('scheduler already started');
      if (stopped) throw new Error('scheduler was stopped');
      handler = taskHandler;
      log.info({ concurrency, pending: runs.size, recurring: recurring.size }, 'in-process scheduler started');
      arm();
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      arm();
      const timeoutMs = options.stopTimeoutMs ?? 10_000;
      let waitTimer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        waitTimer = setTimeout(() => resolve('timeout'), timeoutMs);
      });
      const outcome = await Promise.race([Promise.allSettled([...inFlight]).then(() => 'done' as const), timedOut]);
      clearTimeout(waitTimer);
      if (outcome === 'timeout')
        log.warn({ timeoutMs, running: inFlight.size }, 'running tasks did not finish in time');
      log.info({}, 'in-process scheduler stopped');
    },
  };
}
