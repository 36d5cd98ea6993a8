import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { bullmqScheduler } from '../../../jobs/bullmq-scheduler';
import { inProcessScheduler } from '../../../jobs/in-process-scheduler';
import type { ScheduledTask, Scheduler } from '../../../src/ports/scheduler';
import { silentLogger, type CapturingLogger } from '../../helpers/silent-logger';
import { waitFor } from './wait-for';

/**
 * One contract, two schedulers: the BullMQ one on the shared Redis (its own key prefix, one queue per test)
 * and the in-process one on the real clock. Nothing here times anything; tests wait for events, bounded.
 */
const REDIS = { host: '127.0.0.1', port: 6379 };
const PREFIX = `mbtest-${randomUUID()}`;
/** Fast retries so the retry tests finish quickly; production defaults are seconds. */
const FAST = { attempts: 3, backoffMs: 50, stopTimeoutMs: 5_000 };

interface Subject {
  name: string;
  create(logger: CapturingLogger): Scheduler;
  /** Puts a payload that is not a ScheduledTask where the worker will pick it up, as a bad deploy might. */
  injectInvalid(scheduler: Scheduler, id: string, payload: object): Promise<void>;
  /** A scheduler that sees what a stopped one left behind (a new process, where that means anything). */
  successorOf(stopped: Scheduler, logger: CapturingLogger): Scheduler;
  cleanup(): Promise<void>;
}

let queueSeq = 0;
let queueName = '';
const bullmq: Subject = {
  name: 'bullmq',
  create: (logger) => {
    queueName = `contract${++queueSeq}`;
    return bullmqScheduler({ connection: REDIS, prefix: PREFIX, queueName, logger, ...FAST });
  },
  async injectInvalid(_scheduler, id, payload) {
    const raw = new Queue(queueName, { connection: REDIS, prefix: PREFIX });
    await raw.add('once', payload, { jobId: `task.${id}`, attempts: 5, backoff: { type: 'fixed', delay: 10 } });
    await raw.close();
  },
  successorOf: (_stopped, logger) => bullmqScheduler({ connection: REDIS, prefix: PREFIX, queueName, logger, ...FAST }),
  async cleanup() {
    const admin = new Queue(queueName, { connection: REDIS, prefix: PREFIX });
    await admin.obliterate({ force: true });
    await admin.close();
  },
};

const inProcess: Subject = {
  name: 'in-process',
  create: (logger) => inProcessScheduler({ logger, ...FAST }),
  // The in-process scheduler has no wire, but it validates too, so a cast payload shows the same behaviour.
  injectInvalid: (scheduler, id, payload) => scheduler.schedule(id, new Date(), payload as ScheduledTask),
  // Memory does not outlive the process; the reconciler covers restarts, so the same instance is asked.
  successorOf: (stopped) => stopped,
  cleanup: async () => {},
};

afterAll(async () => {
  // Belt and braces: nothing with this file's prefix may outlive it on the shared Redis.
  const redis = new Redis(REDIS);
  const keys = await redis.keys(`${PREFIX}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

const nudge = (nudgeId: number): ScheduledTask => ({ type: 'nudge', communityId: 'c1', nudgeId, generation: 0 });

describe.each([bullmq, inProcess])('Scheduler contract: $name', (subject) => {
  let scheduler: Scheduler;
  let logger: CapturingLogger;
  /** Every task the handler saw, with the wall-clock time it ran. */
  let seen: { task: ScheduledTask; at: number }[];
  /** What the handler does besides recording; a throw makes the run fail. */
  let behave: (task: ScheduledTask) => Promise<void>;

  const runsOf = (task: ScheduledTask): number =>
    seen.filter((s) => JSON.stringify(s.task) === JSON.stringify(task)).length;

  /**
   * Schedules a marker task behind everything else and waits for it: when it has run, anything scheduled
   * earlier that was going to run (or run twice) has had its chance.
   */
  async function settle(delayMs = 300): Promise<void> {
    const marker: ScheduledTask = { type: 'round', communityId: `marker-${randomUUID()}` };
    await scheduler.schedule(marker.communityId, new Date(Date.now() + delayMs), marker);
    await waitFor(() => runsOf(marker) === 1, 'marker task to run');
  }

  beforeEach(async () => {
    logger = silentLogger();
    seen = [];
    behave = async () => {};
    scheduler = subject.create(logger);
    await scheduler.start(async (task) => {
      seen.push({ task, at: Date.now() });
      await behave(task);
    });
  });

  afterEach(async () => {
    await scheduler.stop();
    await subject.cleanup();
  });

  it('runs a task once, not before its time, with the validated payload', async () => {
    const at = new Date(Date.now() + 300);
    // An extra field must not reach the handler: it gets what the schema parsed, not what was stored.
    await scheduler.schedule('nudge:1', at, { ...nudge(1), extra: 'dropped' } as unknown as ScheduledTask);
    await waitFor(() => runsOf(nudge(1)) === 1, 'task to run');
    expect(seen[0]!.at).toBeGreaterThanOrEqual(at.getTime());
    expect(seen[0]!.task).toStrictEqual(nudge(1));
    await settle();
    expect(runsOf(nudge(1))).toBe(1);
  });

  it('ignores the same id while it is pending, and takes it again after it ran', async () => {
    const at = new Date(Date.now() + 300);
    await scheduler.schedule('dup', at, nudge(2));
    await scheduler.schedule('dup', at, nudge(3));
    await waitFor(() => runsOf(nudge(2)) === 1, 'first task to run');
    await settle();
    expect(runsOf(nudge(2))).toBe(1);
    expect(runsOf(nudge(3))).toBe(0);

    await scheduler.schedule('dup', new Date(), nudge(3));
    await waitFor(() => runsOf(nudge(3)) === 1, 'rescheduled id to run');
  });

  it('runs a task whose time has passed at once', async () => {
    await scheduler.schedule('late', new Date(Date.now() - 60_000), nudge(4));
    await waitFor(() => runsOf(nudge(4)) === 1, 'overdue task to run');
  });

  it('does not run a cancelled task, and ignores unknown ids', async () => {
    await scheduler.schedule('cancelled', new Date(Date.now() + 300), nudge(5));
    await scheduler.cancel('cancelled');
    await scheduler.cancel('never-scheduled');
    expect(await scheduler.pendingIds()).not.toContain('cancelled');
    await settle(600);
    expect(runsOf(nudge(5))).toBe(0);
  });

  it('lists pending one-off ids (any string) and drops them once they ran', async () => {
    await scheduler.schedule('nudge:42:7', new Date(Date.now() + 60_000), nudge(6));
    await scheduler.schedule('42', new Date(Date.now() + 300), nudge(7));
    await scheduler.schedule('100%:done', new Date(Date.now() + 60_000), nudge(8));
    expect(await scheduler.pendingIds()).toEqual(new Set(['nudge:42:7', '42', '100%:done']));
    await waitFor(() => runsOf(nudge(7)) === 1, 'near task to run');
    await waitFor(async () => !(await scheduler.pendingIds()).has('42'), 'ran task to leave pendingIds');
    expect(await scheduler.pendingIds()).toEqual(new Set(['nudge:42:7', '100%:done']));
  });

  it('retries a handler that throws, until it succeeds', async () => {
    let failures = 0;
    behave = async (task) => {
      if (task.type === 'nudge' && task.nudgeId === 9 && failures++ === 0) throw new Error('failed on purpose');
    };
    await scheduler.schedule('flaky', new Date(), nudge(9));
    await waitFor(() => runsOf(nudge(9)) === 2, 'task to be retried');
    await waitFor(async () => (await scheduler.pendingIds()).size === 0, 'retried task to finish');
    await settle();
    expect(runsOf(nudge(9))).toBe(2);
    expect(logger.lines.some((l) => l.level === 'warn' && /retry/.test(l.message))).toBe(true);
  });

  it('fails an invalid payload once, without retrying or calling the handler', async () => {
    await subject.injectInvalid(scheduler, 'bogus', { type: 'bogus', nudgeId: 'x' });
    const invalidLines = (): number => logger.lines.filter((l) => /invalid scheduled task/.test(l.message)).length;
    await waitFor(() => invalidLines() === 1, 'invalid payload to be logged');
    await settle();
    expect(invalidLines()).toBe(1);
    expect(seen.map((s) => s.task.type)).toEqual(['round']); // only the marker
    expect(await scheduler.pendingIds()).toEqual(new Set());
  });

  it('registers, runs and stops recurring tasks by id', async () => {
    const round: ScheduledTask = { type: 'round', communityId: 'c1' };
    await scheduler.repeat('round:c1', '*/1 * * * * *', 'UTC', round);
    await scheduler.repeat('round:c2', '0 9 * * 1', 'Europe/Berlin', { type: 'round', communityId: 'c2' });
    // Replacing keeps one schedule per id.
    await scheduler.repeat('round:c2', '30 9 * * 1', 'America/New_York', { type: 'round', communityId: 'c2' });
    expect(await scheduler.repeatingIds()).toEqual(new Set(['round:c1', 'round:c2']));
    // Runs of recurring schedules are not one-off tasks.
    expect(await scheduler.pendingIds()).toEqual(new Set());

    await waitFor(() => runsOf(round) >= 2, 'every-second schedule to run twice');
    await scheduler.stopRepeating('round:c1');
    await scheduler.stopRepeating('no-such-schedule');
    expect(await scheduler.repeatingIds()).toEqual(new Set(['round:c2']));
    const runsAtStop = runsOf(round);
    await settle(1_500);
    // One occurrence may already have been running when it was stopped; no new ones start.
    expect(runsOf(round)).toBeLessThanOrEqual(runsAtStop + 1);
  });

  it('rejects an invalid cron expression or time zone and keeps nothing', async () => {
    const round: ScheduledTask = { type: 'round', communityId: 'c3' };
    await expect(scheduler.repeat('bad-cron', 'every monday', 'UTC', round)).rejects.toThrow();
    await expect(scheduler.repeat('bad-tz', '0 9 * * 1', 'Mars/Olympus_Mons', round)).rejects.toThrow();
    expect(await scheduler.repeatingIds()).toEqual(new Set());
  });

  it('stop() waits for a running handler, and leaves pending tasks scheduled', async () => {
    let started = false;
    let finished = false;
    behave = async (task) => {
      if (task.type !== 'nudge' || task.nudgeId !== 10) return;
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 300));
      finished = true;
    };
    await scheduler.schedule('slow', new Date(), nudge(10));
    await scheduler.schedule('later', new Date(Date.now() + 60_000), nudge(11));
    await waitFor(() => started, 'slow task to start');
    await scheduler.stop();
    expect(finished).toBe(true);

    const successor = subject.successorOf(scheduler, logger);
    expect(await successor.pendingIds()).toEqual(new Set(['later']));
    await successor.stop();
  });
});
