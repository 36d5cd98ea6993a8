import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { postgresStore } from '../../../db/postgres-store';
import { bullmqOutbound } from '../../../jobs/bullmq-outbound';
import { bullmqScheduler } from '../../../jobs/bullmq-scheduler';
import type { CoreDeps } from '../../../src/commands/run-in-context';
import type { BotMessage } from '../../../src/domain/message';
import { reconcileTimers } from '../../../src/delivery/reconcile-timers';
import { watchReconcileSchedule } from '../../../src/delivery/reconcile-watchdog';
import { scheduledTaskRunner } from '../../../src/delivery/scheduled-task-runner';
import { systemClock } from '../../../src/ports/clock';
import type { Outbound } from '../../../src/ports/outbound';
import type { Scheduler } from '../../../src/ports/scheduler';
import { COMMUNITY, person, speaker } from '../../helpers/command-harness';
import { startPrivateRedis, type PrivateRedis } from '../../helpers/private-redis';
import { silentLogger } from '../../helpers/silent-logger';
import { createPgliteDatabase, type TestDatabase } from '../../helpers/test-databases';
import { waitFor } from '../jobs/wait-for';

// The whole pipeline on real Redis: Postgres row -> BullMQ timer -> nudge claimed -> outbox -> BullMQ outbound
// -> messenger. Redis is a private server, so the test may flush it.
describe('check-in nudges through BullMQ on Redis', () => {
  let redisServer: PrivateRedis;
  let database: TestDatabase;
  let deps: CoreDeps;
  let scheduler: Scheduler;
  let outbound: Outbound;
  const received: { to: string; message: BotMessage; at: number }[] = [];

  beforeAll(async () => {
    redisServer = await startPrivateRedis();
    database = await createPgliteDatabase();
    const store = postgresStore(database.db);
    const logger = silentLogger();
    const prefix = `mbtest-${randomUUID().slice(0, 8)}`;
    scheduler = bullmqScheduler({ connection: redisServer.url, prefix, logger });
    const messenger = {
      async send(to: string, message: BotMessage) {
        received.push({ to, message, at: Date.now() });
      },
    };
    outbound = bullmqOutbound({ connection: redisServer.url, prefix, store, messenger, clock: systemClock, logger });
    deps = { store, clock: systemClock, logger, scheduler, newId: randomUUID, afterCommit: () => void outbound.kick() };
    const as = speaker(deps);
    await as('mod', 'config quiet-hours off');
    await as('ana', 'join mentor skills: pricing tz: America/New_York capacity: 3');
    for (const mentee of ['ben', 'cy', 'dee']) {
      await as(mentee, 'join mentee goals: pricing tz: Europe/Berlin');
      await as('mod', `pair @ana @${mentee}`);
    }
    await scheduler.start(scheduledTaskRunner(deps, outbound));
    await outbound.start();
  });
  afterAll(async () => {
    await scheduler?.stop();
    await outbound?.stop();
    await database?.dispose();
    await redisServer?.stop();
  });

  /** Brings a pairing's next check-in forward to `inMs` from now, as Postgres' truth. */
  const dueSoon = async (mentee: string, inMs: number): Promise<Date> => {
    const due = new Date(Date.now() + inMs);
    await deps.store.transaction(async (tx) => {
      const pairing = (await tx.activePairingsOf(COMMUNITY, person(mentee)))[0]!;
      await tx.setNextNudge(COMMUNITY, pairing.id, due);
    });
    return due;
  };
  const nudgesTo = (name: string) => received.filter((r) => r.to === person(name) && r.message.kind === 'nudge');

  it('fires a nudge at its due time and reaches both sides, once', async () => {
    const due = await dueSoon('ben', 700);
    await reconcileTimers(deps);
    await waitFor(() => nudgesTo('ben').length === 1 && nudgesTo('ana').length === 1, 'the nudge to both sides');
    expect(nudgesTo('ben')[0]!.at).toBeGreaterThanOrEqual(due.getTime());
    expect(nudgesTo('ben')[0]!.message.text).toBe(
      '⏰ Time for a check-in with <@test:c1:ana> (you agreed every 2 weeks). Did you meet?',
    );
  });

  it('loses no nudge when Redis is flushed: the reconciler rebuilds the timers from Postgres', async () => {
    const before = nudgesTo('cy').length;
    await dueSoon('cy', 1500);
    await dueSoon('dee', 1500);
    await reconcileTimers(deps);
    const redis = new Redis(redisServer.url);
    await redis.flushall();
    await redis.quit();
    expect([...(await scheduler.pendingIds())].filter((id) => id.startsWith('nudge:'))).toEqual([]);
    const report = await reconcileTimers(deps);
    expect(report.nudgesAdded).toBe(2); // cy's and dee's (ben's next one is weeks away, beyond the horizon)
    await waitFor(() => nudgesTo('cy').length === before + 1 && nudgesTo('dee').length === 1, 'the rebuilt nudges');
  });

  it('rebuilds the timers after a flush by itself: the watchdog sees the reconcile schedule gone', async () => {
    const before = nudgesTo('dee').length;
    await reconcileTimers(deps);
    const watchdog = watchReconcileSchedule(deps, 100);
    try {
      // The schedule is there: nothing to do.
      expect(await watchdog.check()).toBe(false);
      await dueSoon('dee', 1500);
      await reconcileTimers(deps);
      const redis = new Redis(redisServer.url);
      await redis.flushall();
      await redis.quit();
      expect(await scheduler.repeatingIds()).toEqual(new Set());
      // Nobody calls the reconciler: the watchdog's next look asks for it, and the nudge still goes out.
      await waitFor(() => nudgesTo('dee').length === before + 1, 'the nudge, rebuilt after the flush');
      expect((await scheduler.repeatingIds()).has('reconcile')).toBe(true);
    } finally {
      watchdog.stop();
    }
  });
});
