import Redis from 'ioredis';
import { startPrivateRedis, type PrivateRedis } from '../../helpers/private-redis';
import { waitFor } from '../jobs/wait-for';
import {
  bullmqOutbounds,
  FakeMessenger,
  OUTBOUND_QUEUE,
  openOutboxDatabase,
  type OutboxDatabase,
} from './outbound-kit';

/**
 * Redis faults, on a private redis-server (the shared one must never be flushed). The outbound is given the
 * server as a URL string, as `createOutbound` does from REDIS_URL.
 */
let server: PrivateRedis;
let redis: Redis;
let outbounds: ReturnType<typeof bullmqOutbounds>;
let outbox: OutboxDatabase;
let messenger: FakeMessenger;

beforeAll(async () => {
  server = await startPrivateRedis();
  redis = new Redis(server.url);
  outbounds = bullmqOutbounds(server.url);
  outbox = await openOutboxDatabase();
});
beforeEach(async () => {
  await outbox.reset();
  outbounds.freshPrefix();
  messenger = new FakeMessenger();
});
afterEach(async () => {
  await outbounds.stopAll();
  await redis.config('SET', 'maxmemory', '0');
});
afterAll(async () => {
  await outbounds?.cleanup();
  await redis?.quit();
  await server?.stop();
  await outbox?.database.dispose();
});

const delayedJobs = () => redis.zcard(`${outbounds.prefix}:${OUTBOUND_QUEUE}:delayed`);
/** Drains queued or running (each may set the wake-up again as it ends). */
const busyDrains = async () =>
  (await redis.llen(`${outbounds.prefix}:${OUTBOUND_QUEUE}:wait`)) +
  (await redis.llen(`${outbounds.prefix}:${OUTBOUND_QUEUE}:active`));

it('loses nothing when Redis is flushed: resync sets the wake-up again, each message is sent once', async () => {
  const outbound = outbounds.create(outbox.store, messenger);
  await outbound.start();
  const notBefore = new Date(Date.now() + 6_000);
  const recipients = ['a', 'b', 'c', 'd', 'e'];
  for (const to of recipients) await outbox.queue(to, notBefore);
  await outbound.kick();
  // One wake-up for the time they may go, not a job per message: the outbox holds the messages.
  await waitFor(async () => (await delayedJobs()) === 1 && (await busyDrains()) === 0, 'the wake-up to wait in Redis');

  await redis.flushall();
  expect(await delayedJobs()).toBe(0);
  await outbound.resync();
  expect(await delayedJobs()).toBe(1);

  await waitFor(async () => (await outbox.rows()).length === 0, 'every message to be delivered');
  expect(messenger.deliveredCounts()).toEqual(Object.fromEntries(recipients.map((to) => [to, 1])));
  for (const call of messenger.calls) expect(call.at).toBeGreaterThanOrEqual(notBefore.getTime());

  // The worker carries on after the flush, and a second resync or kick sends nothing again.
  await Promise.all([outbound.resync(), outbound.kick()]);
  await outbox.queue('after-flush');
  await outbound.kick();
  await waitFor(() => messenger.callsTo('after-flush').length > 0, 'a message queued after the flush');
  expect(messenger.calls).toHaveLength(recipients.length + 1);
});

// A kick that Redis refused (OOM here; a dropped connection or a failover alike) must not make later kicks
// skip its messages until the periodic resync.
it('a message whose kick Redis refused is queued by the next kick', async () => {
  const outbound = outbounds.create(outbox.store, messenger);
  await outbound.start();
  // Once a first message went through, the worker idles on a blocking pop (which Redis allows under OOM), so
  // only the kick meets the refusal; a worker meeting it backs off for seconds and would slow the file down.
  await outbox.queue('warm-up');
  await outbound.kick();
  await waitFor(() => messenger.callsTo('warm-up').length > 0, 'a first message');
  await redis.config('SET', 'maxmemory', '1');
  await outbox.queue('refused');
  await expect(outbound.kick()).rejects.toThrow(/OOM/);
  await redis.config('SET', 'maxmemory', '0');

  await outbox.queue('next');
  await outbound.kick();
  await waitFor(() => messenger.callsTo('next').length > 0, 'the next message');
  await waitFor(() => messenger.callsTo('refused').length > 0, 'the refused message', { timeoutMs: 2_000 });
  expect(messenger.deliveredCounts()).toEqual({ 'warm-up': 1, refused: 1, next: 1 });
});
