import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, startProcess } from '../../helpers/private-redis';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { bullmqScheduler } from '../../../jobs/bullmq-scheduler';
import type { ScheduledTask, Scheduler } from '../../../src/ports/scheduler';
import { silentLogger } from '../../helpers/silent-logger';
import { waitFor } from './wait-for';

/**
 * Faults that need a Redis of our own: the shared one must never be flushed, and a killed worker must not
 * leave stale locks where other test files look. Each test uses its own queue on this private server.
 */
let redisServer: ChildProcess;
let dir: string;
let port: number;
let redis: Redis;
const PREFIX = 'mbfault';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mentor-bot-redis-'));
  port = await freePort();
  redisServer = await startProcess(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    /Ready to accept connections/,
  );
  redis = new Redis({ host: '127.0.0.1', port });
});

afterAll(async () => {
  await redis?.quit();
  redisServer?.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const open: Scheduler[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.stop()));
});

function scheduler(queueName: string): Scheduler {
  const s = bullmqScheduler({
    connection: { host: '127.0.0.1', port },
    prefix: PREFIX,
    queueName,
    logger: silentLogger(),
    lockDurationMs: 1_000,
    stalledIntervalMs: 500,
    stopTimeoutMs: 2_000,
  });
  open.push(s);
  return s;
}

it('runs a task again on another worker when the worker running it is killed', async () => {
  const queueName = 'crash';
  const task: ScheduledTask = { type: 'nudge', communityId: 'c1', nudgeId: 1, generation: 0 };
  // The survivor only schedules at first; its worker starts after the child is dead, so the child gets the task.
  const survivor = scheduler(queueName);
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'stalling-worker.ts')], {
    env: { ...process.env, REDIS_PORT: String(port), PREFIX, QUEUE: queueName },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    const messages: { ready?: boolean; started?: ScheduledTask; error?: string }[] = [];
    child.on('message', (m) => messages.push(m as (typeof messages)[number]));
    await waitFor(() => messages.some((m) => m.ready || m.error), 'child worker to start');
    expect(messages.find((m) => m.error)).toBeUndefined();
    await survivor.schedule('nudge:1', new Date(), task);
    await waitFor(() => messages.some((m) => m.started), 'child to start the task');
  } finally {
    child.kill('SIGKILL');
    await exited;
  }

  const completed: ScheduledTask[] = [];
  await survivor.start(async (t) => {
    await redis.rpush(`${PREFIX}:runs`, `survivor:${JSON.stringify(t)}`);
    completed.push(t);
  });
  await waitFor(() => completed.length > 0, 'survivor to run the task');
  await waitFor(async () => (await survivor.pendingIds()).size === 0, 'task to be done');
  const json = JSON.stringify(task);
  expect(await redis.lrange(`${PREFIX}:runs`, 0, -1)).toEqual([`child:${json}`, `survivor:${json}`]);
  expect(completed).toEqual([task]);
});

it('loses pending and recurring tasks when Redis is flushed, which is why the reconciler exists', async () => {
  const s = scheduler('flush');
  await s.schedule('nudge:1', new Date(Date.now() + 60_000), {
    type: 'nudge',
    communityId: 'c1',
    nudgeId: 1,
    generation: 0,
  });
  await s.schedule('nudge:2', new Date(Date.now() + 120_000), {
    type: 'nudge',
    communityId: 'c1',
    nudgeId: 2,
    generation: 0,
  });
  await s.repeat('round:c1', '0 9 * * 1', 'UTC', { type: 'round', communityId: 'c1' });
  expect(await s.pendingIds()).toEqual(new Set(['nudge:1', 'nudge:2']));
  expect(await s.repeatingIds()).toEqual(new Set(['round:c1']));

  await redis.flushall();

  expect(await s.pendingIds()).toEqual(new Set());
  expect(await s.repeatingIds()).toEqual(new Set());
  // The scheduler itself keeps working, so the reconciler can put everything back.
  await s.schedule('nudge:1', new Date(Date.now() + 60_000), {
    type: 'nudge',
    communityId: 'c1',
    nudgeId: 1,
    generation: 0,
  });
  expect(await s.pendingIds()).toEqual(new Set(['nudge:1']));
});
