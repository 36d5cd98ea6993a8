import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { postgresStore } from '../../../db/postgres-store';
import { bullmqOutbound } from '../../../jobs/bullmq-outbound';
import { bullmqScheduler } from '../../../jobs/bullmq-scheduler';
import type { CoreDeps } from '../../../src/commands/run-in-context';
import type { BotMessage } from '../../../src/domain/message';
import { reconcileTimers } from '../../../src/delivery/reconcile-timers';
import { scheduledTaskRunner } from '../../../src/delivery/scheduled-task-runner';
import { systemClock } from '../../../src/ports/clock';
import type { Outbound } from '../../../src/ports/outbound';
import type { Scheduler } from '../../../src/ports/scheduler';
import { COMMUNITY, person, speaker } from '../../helpers/command-harness';
import { freePort, startProcess } from '../../helpers/private-redis';
import { silentLogger } from '../../helpers/silent-logger';
import { createPgliteDatabase, type TestDatabase } from '../../helpers/test-databases';
import { waitFor } from '../jobs/wait-for';

/**
 * Redis is killed (SIGKILL, no persistence: every timer and queued job is gone) and started again on the same
 * port, not just flushed. The bot's BullMQ connections reconnect by themselves, and after the reconciler runs
 * every check-in nudge that was due is delivered to both sides, once. (Flushing is covered by
 * checkins/nudges-on-redis.test.ts, a worker SIGKILLed mid-job by jobs/bullmq-faults.test.ts.)
 */

jest.setTimeout(60_000);

let dir: string;
let port: number;
let redis: ChildProcess | null = null;
const startRedis = async (): Promise<void> => {
  redis = await startProcess(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    /Ready to accept connections/,
  );
};
const killRedis = async (): Promise<void> => {
  const child = redis;
  redis = null;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
};

let database: TestDatabase;
let deps: CoreDeps;
let scheduler: Scheduler | undefined;
let outbound: Outbound | undefined;
const received: { to: string; message: BotMessage }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mentor-bot-redis-restart-'));
  port = await freePort();
  await startRedis();
  database = await createPgliteDatabase();
  const store = postgresStore(database.db);
  const logger = silentLogger();
  const url = `redis://127.0.0.1:${port}`;
  const prefix = `mbtest-${randomUUID().slice(0, 8)}`;
  scheduler = bullmqScheduler({ connection: url, prefix, logger });
  const messenger = {
    async send(to: string, message: BotMessage) {
      received.push({ to, message });
    },
  };
  outbound = bullmqOutbound({ connection: url, prefix, store, messenger, clock: systemClock, logger });
  deps = { store, clock: systemClock, logger, scheduler, newId: randomUUID, afterCommit: () => void outbound?.kick() };
});

afterAll(async () => {
  await scheduler?.stop().catch(() => undefined);
  await outbound?.stop().catch(() => undefined);
  await database?.dispose();
  await killRedis();
  rmSync(dir, { recursive: true, force: true });
});

it('loses no nudge when Redis is killed and restarted: the reconciler rebuilds the timers', async () => {
  const as = speaker(deps);
  const mentees = ['ben', 'cy', 'dee'];
  await as('mod', 'config quiet-hours off');
  await as('ana', 'join mentor skills: pricing tz: America/New_York capacity: 3');
  for (const mentee of mentees) {
    await as(mentee, 'join mentee goals: pricing tz: Europe/Berlin');
    await as('mod', `pair @ana @${mentee}`);
  }
  await scheduler!.start(scheduledTaskRunner(deps, outbound));
  await outbound!.start();

  // Every pairing's next check-in is due a few seconds from now; the timers are in Redis.
  await deps.store.transaction(async (tx) => {
    for (const mentee of mentees) {
      const pairing = (await tx.activePairingsOf(COMMUNITY, person(mentee)))[0]!;
      await tx.setNextNudge(COMMUNITY, pairing.id, new Date(Date.now() + 2_500));
    }
  });
  await reconcileTimers(deps);
  expect([...(await scheduler!.pendingIds())].filter((id) => id.startsWith('nudge:'))).toHaveLength(3);

  // Redis dies with everything in it; while it is down commands still get answers (Postgres holds the truth).
  // Then it comes back, empty, on the same port.
  await killRedis();
  const reply = await as('mod', 'stats');
  expect(reply.text).toMatch(/^\*Members\*: 4/);
  await startRedis();
  await waitFor(
    async () => (await scheduler!.pendingIds().catch(() => null)) !== null,
    'the scheduler to reconnect to the restarted Redis',
  );
  expect([...(await scheduler!.pendingIds())].filter((id) => id.startsWith('nudge:'))).toEqual([]);

  const report = await reconcileTimers(deps);
  expect(report.nudgesAdded).toBe(3);
  const nudgesTo = (name: string) => received.filter((r) => r.to === person(name) && r.message.kind === 'nudge');
  await waitFor(
    () => mentees.every((m) => nudgesTo(m).length === 1) && nudgesTo('ana').length === 3,
    'every nudge after the restart',
  );
  // Once each, even after another reconcile.
  await reconcileTimers(deps);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(mentees.map((m) => nudgesTo(m).length)).toEqual([1, 1, 1]);
  expect(nudgesTo('ana')).toHaveLength(3);
});
