import { Queue, UnrecoverableError, Worker, type Job, type JobType, type RedisOptions } from 'bullmq';
import type { Logger } from '../src/ports/logger';
import type { Metrics } from '../src/ports/metrics';
import { scheduledTaskSchema, type ScheduledTask, type Scheduler, type TimerRequest } from '../src/ports/scheduler';

export interface BullmqSchedulerOptions {
  /** ioredis options, or a `redis://` / `rediss://` URL. */
  connection: RedisOptions | string;
  /** Key prefix for every BullMQ key, so several deployments (or test files) can share one Redis. */
  prefix: string;
  queueName?: string;
  logger: Logger;
  /** Tasks one worker runs at the same time. */
  concurrency?: number;
  /** Runs of a task whose handler throws, counting the first. */
  attempts?: number;
  /** First retry delay; each further retry doubles it. */
  backoffMs?: number;
  /**
   * How long a running task stays claimed without its worker renewing the claim. A worker that dies
   * mid-task loses the claim after this, and another worker's stalled check (every `stalledIntervalMs`)
   * puts the task back, so together they bound how late a crashed task runs again.
   */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** How long `stop()` waits for running handlers before it abandons them to the stalled check. */
  stopTimeoutMs?: number;
  metrics?: Metrics;
}

/** Job names, so a look at Redis tells one-off tasks from the runs of recurring ones. */
const ONE_OFF = 'once';
const RECURRING = 'recurring';
/** Prefix of one-off job ids; the runs a job scheduler creates are named `repeat:<scheduler>:<ms>`. */
const ONE_OFF_ID = 'task.';
const PENDING_STATES: JobType[] = ['delayed', 'wait', 'active', 'prioritized'];
const PAGE = 1000;
/**
 * Timers run at once per worker. A timer only wakes a batch, and a batch takes every due nudge from Postgres
 * itself (see deliverNudges), so a few keep batches going; more would spend the worker's CPU, in a burst, on
 * timers whose nudges a batch has already taken (a 50,000-nudge burst went from 8,000 to 14,000 a second).
 */
const DEFAULT_CONCURRENCY = 16;
/** Failed runs of recurring tasks are kept this long for a person to inspect (their ids never repeat). */
const KEEP_FAILED = { age: 7 * 24 * 3600, count: 1000 };
/**
 * A one-off task that failed for good is logged and removed: a kept failed job would hold its id, and the
 * reconciler's re-schedule of that id would silently do nothing.
 */
const ONE_OFF_OPTIONS = { removeOnFail: true };

/**
 * BullMQ refuses custom job ids that are integers or hold a `:` (`nudge:42`), but the port allows any
 * string. Escaping `%` and `:` plus a fixed prefix keeps ids readable in Redis and reversible.
 */
function escapeId(id: string): string {
  return id.replace(/%/g, '%25').replace(/:/g, '%3A');
}
function unescapeId(escaped: string): string {
  return escaped.replace(/%3A|%25/g, (m) => (m === '%3A' ? ':' : '%'));
}
const jobIdOf = (id: string): string => ONE_OFF_ID + escapeId(id);

/** The production scheduler: timing lives in Redis, so it survives restarts and is shared by all replicas. */
export function bullmqScheduler(options: BullmqSchedulerOptions): Scheduler {
  const log = options.logger.child({ component: 'bullmq-scheduler' });
  const queueName = options.queueName ?? 'mentor-bot-tasks';
  const attempts = options.attempts ?? 5;
  const jobOptions = {
    attempts,
    backoff: { type: 'exponential', delay: options.backoffMs ?? 5_000 },
    // Removing finished jobs frees their id, so the same id can be scheduled again after it ran.
    removeOnComplete: true,
    removeOnFail: KEEP_FAILED,
  };
  const base: RedisOptions =
    typeof options.connection === 'string' ? { url: options.connection } : { ...options.connection };

  // Passing options (not a client) lets BullMQ own its connections, so close() really releases them.
  // The queue keeps ioredis' bounded retries, so schedule() fails rather than hangs when Redis is down.
  const queue = new Queue<unknown>(queueName, {
    connection: base,
    prefix: options.prefix,
    defaultJobOptions: jobOptions,
  });
  queue.on('error', (err) => log.warn({ err, queueName }, 'scheduler queue connection error'));

  let worker: Worker<unknown> | undefined;
  let stopped = false;

  /**
   * One pipelined `addBulk`: a batch of delivered nudges sets hundreds of next timers at once. One-off jobs
   * leave Redis when they finish, failed or not (see ONE_OFF_OPTIONS), so a pending id is the only kind
   * `add` skips, as the port promises.
   */
  async function scheduleAll(timers: TimerRequest[]): Promise<void> {
    if (timers.length === 0) return;
    const now = Date.now();
    await queue.addBulk(
      timers.map(({ id, at, task }) => ({
        name: ONE_OFF,
        data: task,
        opts: { ...ONE_OFF_OPTIONS, jobId: jobIdOf(id), delay: Math.max(0, at.getTime() - now) },
      })),
    );
  }

  async function runJob(job: Job<unknown>, handler: (task: ScheduledTask) => Promise<void>): Promise<void> {
    const parsed = scheduledTaskSchema.safeParse(job.data);
    if (!parsed.success) {
      // Retrying cannot fix a payload; the reconciler re-creates the task from Postgres if it matters.
      log.error({ jobId: job.id, name: job.name, issues: parsed.error.issues }, 'invalid scheduled task payload');
      throw new UnrecoverableError('invalid scheduled task payload');
    }
    await handler(parsed.data);
  }

  async function closeWorker(w: Worker<unknown>): Promise<void> {
    const timeoutMs = options.stopTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const outcome = await Promise.race([w.close().then(() => 'closed' as const), timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      // The abandoned jobs keep their lock until it expires; then any worker's stalled check runs them again.
      log.warn({ timeoutMs }, 'running tasks did not finish in time; leaving them to stalled-job recovery');
      await w.close(true);
    }
  }

  return {
    scheduleAll,
    schedule: (id, at, task) => scheduleAll([{ id, at, task }]),

    async cancel(id) {
      // Returns 0 for a running (locked) job: that one is allowed to finish, and unknown ids are ignored.
      await queue.remove(jobIdOf(id));
    },

    async pendingIds() {
      const ids = new Set<string>();
      for (const state of PENDING_STATES) {
        // Paged, so a large backlog never turns into one huge Redis reply.
        for (let start = 0; ; start += PAGE) {
          const page = await queue.getRanges([state], start, start + PAGE - 1);
          for (const jobId of page)
            if (jobId.startsWith(ONE_OFF_ID)) ids.add(unescapeId(jobId.slice(ONE_OFF_ID.length)));
          if (page.length < PAGE) break;
        }
      }
      return ids;
    },

    async repeat(id, cron, timezone, task) {
      await queue.upsertJobScheduler(
        escapeId(id),
        { pattern: cron, tz: timezone },
        { name: RECURRING, data: task, opts: jobOptions },
      );
    },

    async stopRepeating(id) {
      await queue.removeJobScheduler(escapeId(id));
    },

    async repeatingIds() {
      const ids = new Set<string>();
      for (let start = 0; ; start += PAGE) {
        const page = await queue.getJobSchedulers(start, start + PAGE - 1, true);
        for (const scheduler of page) ids.add(unescapeId(scheduler.key));
        if (page.length < PAGE) break;
      }
      return ids;
    },

    async start(handler) {
      if (worker) throw new Error('scheduler already started');
      if (stopped) throw new Error('scheduler was stopped');
      const lockDuration = options.lockDurationMs ?? 30_000;
      worker = new Worker<unknown>(queueName, (job) => runJob(job, handler), {
        // Workers block on Redis; ioredis must retry their commands forever instead of giving up.
        connection: { ...base, maxRetriesPerRequest: null },
        prefix: options.prefix,
        concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
        lockDuration,
        lockRenewTime: lockDuration / 2,
        stalledInterval: options.stalledIntervalMs ?? 30_000,
        // A crash or two (say, a rolling deploy) is recovered; a task that kills its worker every time fails.
        maxStalledCount: 2,
      });
      const w = worker;
      w.on('error', (err) => log.error({ err, queueName }, 'scheduler worker error'));
      w.on('completed', () => options.metrics?.jobFinished('timers', 'processed'));
      w.on('stalled', (jobId) => log.warn({ jobId }, 'task was cut off (worker died or blocked); running it again'));
      w.on('failed', (job, err) => {
        const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
        const details = { err, jobId: job?.id, name: job?.name, attemptsMade: job?.attemptsMade };
        options.metrics?.jobFinished('timers', final ? 'failed' : 'retried');
        if (final) log.error(details, 'scheduled task failed for good');
        else log.warn(details, 'scheduled task failed; will retry');
      });
      await w.waitUntilReady();
      log.info({ queueName, concurrency: w.concurrency }, 'scheduler worker started');
    },

    async stop() {
      if (stopped) return;
      stopped = true;
      if (worker) await closeWorker(worker);
      await queue.close();
      log.info({ queueName }, 'scheduler stopped');
    },
  };
}
