import { waitFor } from '../jobs/wait-for';
import { noopMetrics } from '../../../src/ports/metrics';
import { bullmqOutbounds, FakeMessenger, openOutboxDatabase, type Call, type OutboxDatabase } from './outbound-kit';

/** Throughput rules on the shared Redis (fresh key prefix per test): the global limit, and several workers. */
const outbounds = bullmqOutbounds();
let outbox: OutboxDatabase;

beforeAll(async () => {
  outbox = await openOutboxDatabase();
});
beforeEach(async () => {
  await outbox.reset();
  outbounds.freshPrefix();
});
afterEach(() => outbounds.stopAll());
afterAll(async () => {
  await outbounds.cleanup();
  await outbox?.database.dispose();
});

/** The most sends that fall into any one window of `windowMs` (each window starting at a send). */
function busiestWindow(calls: Call[], windowMs: number): number {
  const times = calls.map((call) => call.at).sort((a, b) => a - b);
  return Math.max(0, ...times.map((start) => times.filter((t) => t >= start && t < start + windowMs).length));
}

/**
 * BullMQ's limiter counts fixed windows: one opens at the first job taken after the last one closed, and lets
 * `max` jobs start in it. So two bursts of `max` are at least a second apart (less the jitter between taking a
 * job and sending it), and a sliding second may hold two of them: measured, 5 + 5 sends 994 ms apart. What
 * holds, with one send of slack for window edges: half a second never holds more than one burst, a second never
 * more than two.
 */
function expectLimited(calls: Call[], maxPerSecond: number): void {
  expect(busiestWindow(calls, 500)).toBeLessThanOrEqual(maxPerSecond + 1);
  expect(busiestWindow(calls, 1_000)).toBeLessThanOrEqual(2 * maxPerSecond + 1);
}

const names = (count: number, stem: string) => Array.from({ length: count }, (_, i) => `${stem}${i}`);
const onceEach = (recipients: string[]) => Object.fromEntries(recipients.map((to): [string, number] => [to, 1]));

it('spreads sends over time under maxPerSecond, across the whole queue', async () => {
  const messenger = new FakeMessenger();
  const outbound = outbounds.create(outbox.store, messenger, { maxPerSecond: 5 });
  await outbound.start();
  const recipients = names(12, 'r');
  for (const to of recipients) await outbox.queue(to);
  await outbound.kick();

  await waitFor(async () => (await outbox.rows()).length === 0, 'every message to be delivered');
  expect(messenger.deliveredCounts()).toEqual(onceEach(recipients));
  expectLimited(messenger.calls, 5);
});

it('keeps the limit when two workers share the queue', async () => {
  const first = new FakeMessenger();
  const second = new FakeMessenger();
  const workers = [
    outbounds.create(outbox.store, first, { maxPerSecond: 5 }),
    outbounds.create(outbox.store, second, { maxPerSecond: 5 }),
  ];
  await Promise.all(workers.map((worker) => worker.start()));
  const recipients = names(12, 's');
  for (const to of recipients) await outbox.queue(to);
  await Promise.all(workers.map((worker) => worker.kick()));

  await waitFor(async () => (await outbox.rows()).length === 0, 'every message to be delivered');
  expectLimited([...first.calls, ...second.calls], 5);
  expect(first.calls.length + second.calls.length).toBe(recipients.length);
});

it('delivers every message exactly once in total with two workers on the same prefix', async () => {
  const first = new FakeMessenger();
  const second = new FakeMessenger();
  const workers = [outbounds.create(outbox.store, first), outbounds.create(outbox.store, second)];
  const early = names(20, 'early');
  for (const to of early) await outbox.queue(to);
  // Both start together: each start() queues the whole outbox, then both kick and resync while sending.
  await Promise.all(workers.map((worker) => worker.start()));
  const late = names(40, 'late');
  await Promise.all(late.map((to) => outbox.queue(to)));
  await Promise.all(workers.flatMap((worker) => [worker.kick(), worker.resync(), worker.kick()]));

  await waitFor(async () => (await outbox.rows()).length === 0, 'every message to be delivered');
  const calls = [...first.calls, ...second.calls];
  const counts: Record<string, number> = {};
  for (const call of calls) counts[call.to] = (counts[call.to] ?? 0) + 1;
  expect(counts).toEqual(onceEach([...early, ...late]));
  expect(calls.every((call) => call.ok)).toBe(true);
});

it('lets kicks that come close together share one wake-up, and still sends every message', async () => {
  const drains: string[] = [];
  const metrics = { ...noopMetrics, jobFinished: (queue: string) => void drains.push(queue) };
  const messenger = new FakeMessenger();
  const outbound = outbounds.create(outbox.store, messenger, { metrics, kickWindowMs: 500 });
  await outbound.start();
  await waitFor(async () => drains.length === 1, 'the start-up drain to finish');
  // Like commands committing a few milliseconds apart under load, each queueing a message and kicking.
  const recipients = names(6, 'k');
  for (const to of recipients) await outbox.queue(to);
  const kicks: Promise<void>[] = [];
  for (const _ of recipients) {
    kicks.push(outbound.kick());
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(kicks);

  await waitFor(async () => (await outbox.rows()).length === 0, 'every message to be delivered');
  await waitFor(async () => drains.length === 2, 'the drain that sent them to finish');
  expect(messenger.deliveredCounts()).toEqual(onceEach(recipients));
  // Every kick has resolved, so any other drain job was added already; give the worker time to run one.
  await new Promise((resolve) => setTimeout(resolve, 300));
  // All six fell in one window: one drain job, where one per kick would be six.
  expect(drains.length - 1).toBe(1);
});

it('stops cleanly while a kick waits in its window, and ignores kicks after stopping', async () => {
  const outbound = outbounds.create(outbox.store, new FakeMessenger(), { kickWindowMs: 200 });
  await outbound.start();
  const kicked = outbound.kick();
  await outbound.stop();
  await expect(kicked).resolves.toBeUndefined();
  await expect(outbound.kick()).resolves.toBeUndefined();
});
