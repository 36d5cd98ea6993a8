import { PermanentDeliveryError, RateLimitedError } from '../../../src/ports/messenger';
import { waitFor } from '../jobs/wait-for';
import {
  bullmqOutbounds,
  FakeMessenger,
  openOutboxDatabase,
  type OutboxDatabase,
  type OutboxRow,
} from './outbound-kit';

/** Failures on the BullMQ outbound (shared Redis, a fresh key prefix per test): retries, give-ups, Retry-After. */
const outbounds = bullmqOutbounds();
let outbox: OutboxDatabase;
let messenger: FakeMessenger;

beforeAll(async () => {
  outbox = await openOutboxDatabase();
});
beforeEach(async () => {
  await outbox.reset();
  outbounds.freshPrefix();
  messenger = new FakeMessenger();
});
afterEach(() => outbounds.stopAll());
afterAll(async () => {
  await outbounds.cleanup();
  await outbox?.database.dispose();
});

/** Proves earlier work is settled: a message queued now is only seen once the queue got this far. */
async function sendSentinel(kick: () => Promise<void>, name: string, aheadMs = 0): Promise<void> {
  await outbox.queue(name, aheadMs > 0 ? new Date(Date.now() + aheadMs) : undefined);
  await kick();
  await waitFor(() => messenger.callsTo(name).some((call) => call.ok), `${name} to be sent`);
}

it('retries a transient failure with backoff, counting the attempt in the outbox, then delivers', async () => {
  const backoffMs = 100;
  let rowAtRetry: OutboxRow | undefined;
  messenger.on('flaky', async (attempt) => {
    if (attempt === 1) throw new Error('socket hang up');
    rowAtRetry = await outbox.row('flaky');
  });
  const outbound = outbounds.create(outbox.store, messenger, { attempts: 3, backoffMs });
  await outbound.start();
  const id = await outbox.queue('flaky');
  await outbound.kick();

  await waitFor(async () => (await outbox.rows()).length === 0, 'the message to be delivered');
  const [first, second] = messenger.callsTo('flaky');
  expect(first).toMatchObject({ ok: false });
  expect(second).toMatchObject({ ok: true });
  // Backoff is a lower bound on the gap (BullMQ holds the job at least that long), not a timing measurement.
  expect(second!.at - first!.at).toBeGreaterThanOrEqual(backoffMs);
  expect(rowAtRetry).toMatchObject({ id, attempts: 1, failed_at: null, failure: 'socket hang up' });
  expect(messenger.callsTo('flaky')).toHaveLength(2);
});

it('gives a message up after the last attempt: failed_at set, failure kept, no more retries', async () => {
  messenger.on('down', () => {
    throw new Error('ECONNRESET');
  });
  const outbound = outbounds.create(outbox.store, messenger, { attempts: 3, backoffMs: 30 });
  await outbound.start();
  const id = await outbox.queue('down');
  await outbound.kick();

  await waitFor(async () => (await outbox.row('down'))?.failed_at != null, 'the message to be given up');
  const row = await outbox.row('down');
  expect(row).toMatchObject({ id, attempts: 3, failure: 'ECONNRESET' });
  expect(messenger.callsTo('down')).toHaveLength(3);

  // Neither a kick, a resync nor a restart brings it back.
  await outbound.resync();
  await sendSentinel(() => outbound.kick(), 'after', 300);
  await outbound.stop();
  const restarted = outbounds.create(outbox.store, messenger, { attempts: 3, backoffMs: 30 });
  await restarted.start();
  await sendSentinel(() => restarted.resync(), 'after-restart');
  expect(messenger.callsTo('down')).toHaveLength(3);
  expect(await outbox.row('down')).toEqual(row);
});

it('records a PermanentDeliveryError after one attempt and never tries again', async () => {
  messenger.on('gone', () => {
    throw new PermanentDeliveryError('cannot_dm_bot');
  });
  const outbound = outbounds.create(outbox.store, messenger, { attempts: 5, backoffMs: 30 });
  await outbound.start();
  const id = await outbox.queue('gone');
  await outbound.kick();

  await waitFor(async () => (await outbox.row('gone'))?.failed_at != null, 'the message to be given up');
  expect(await outbox.row('gone')).toMatchObject({ id, attempts: 1, failure: 'cannot_dm_bot' });
  expect((await outbox.row('gone'))!.failed_at).toBeInstanceOf(Date);
  await sendSentinel(() => outbound.resync(), 'after', 300);
  expect(messenger.callsTo('gone')).toHaveLength(1);
});

describe('a RateLimitedError (the platform said Retry-After)', () => {
  const retryAfterMs = 400;

  it('pauses every send for that long, then delivers without using up attempts', async () => {
    const refusedAt: number[] = [];
    let rowAtDelivery: OutboxRow | undefined;
    messenger.on('limited', async (attempt) => {
      if (attempt <= 2) {
        refusedAt.push(Date.now());
        throw new RateLimitedError(retryAfterMs);
      }
      rowAtDelivery = await outbox.row('limited');
    });
    // One at a time, so no other send is already under way when the platform says stop. With attempts: 2,
    // two refusals counted as failures would have given the message up.
    const outbound = outbounds.create(outbox.store, messenger, { concurrency: 1, attempts: 2 });
    await outbound.start();
    const limitedId = await outbox.queue('limited');
    for (const to of ['a', 'b', 'c']) await outbox.queue(to);
    await outbound.kick();

    await waitFor(async () => (await outbox.rows()).length === 0, 'every message to be delivered');
    expect(refusedAt).toHaveLength(2);
    for (const refused of refusedAt) {
      const later = messenger.calls.filter((call) => call.at > refused);
      for (const call of later) expect(call.at).toBeGreaterThanOrEqual(refused + retryAfterMs);
    }
    expect(messenger.deliveredCounts()).toEqual({ limited: 1, a: 1, b: 1, c: 1 });
    expect(rowAtDelivery).toMatchObject({ id: limitedId, attempts: 0, failed_at: null, failure: null });
  });

  it('also holds back messages queued during the pause', async () => {
    let limitedAt = 0;
    messenger.on('limited', (attempt) => {
      if (attempt === 1) {
        limitedAt = Date.now();
        throw new RateLimitedError(retryAfterMs);
      }
    });
    const outbound = outbounds.create(outbox.store, messenger, { concurrency: 1 });
    await outbound.start();
    await outbox.queue('limited');
    await outbound.kick();
    await waitFor(() => limitedAt > 0, 'the platform to refuse');
    await outbox.queue('during');
    await outbound.kick();

    await waitFor(async () => (await outbox.rows()).length === 0, 'every message to be delivered');
    expect(messenger.callsTo('during')[0]!.at).toBeGreaterThanOrEqual(limitedAt + retryAfterMs);
    expect(messenger.deliveredCounts()).toEqual({ limited: 1, during: 1 });
  });

  // The pause is kept in Redis, so a worker that was not told holds back too. The limited message is sent by
  // the first worker while the second one is kept idle, then the second drains everything queued after.
  it('holds back every worker sharing the queue, not only the one that was told', async () => {
    let limitedAt = 0;
    messenger.on('limited', (attempt) => {
      if (attempt > 1) return;
      limitedAt = Date.now();
      throw new RateLimitedError(retryAfterMs);
    });
    const other = new FakeMessenger();
    const told = outbounds.create(outbox.store, messenger, { concurrency: 1 });
    await told.start();
    await outbox.queue('limited');
    await told.kick();
    await waitFor(() => limitedAt > 0, 'the platform to refuse');
    const untold = outbounds.create(outbox.store, other);
    await untold.start();
    for (const to of ['a', 'b', 'c', 'd']) await outbox.queue(to);
    await untold.kick();

    await waitFor(async () => (await outbox.rows()).length === 0, 'every message to be delivered');
    const others = [...messenger.calls, ...other.calls].filter((call) => call.to !== 'limited');
    expect(others).toHaveLength(4);
    for (const call of others) expect(call.at).toBeGreaterThanOrEqual(limitedAt + retryAfterMs);
  });
});
