import { postgresStore } from '../../../db/postgres-store';
import type { BotMessage } from '../../../src/domain/message';
import { claimUntil, outboxDeliverer } from '../../../src/delivery/outbox-deliverer';
import { PermanentDeliveryError, type Messenger } from '../../../src/ports/messenger';
import type { Store } from '../../../src/ports/store';
import { testClock } from '../../helpers/command-harness';
import { silentLogger } from '../../helpers/silent-logger';
import { createPgliteDatabase, type TestDatabase } from '../../helpers/test-databases';

describe('the outbox deliverer', () => {
  let database: TestDatabase;
  let store: Store;
  const clock = testClock();

  beforeAll(async () => {
    database = await createPgliteDatabase();
    store = postgresStore(database.db);
  });
  afterAll(() => database.dispose());

  beforeEach(async () => {
    await database.db.query('DELETE FROM outbox');
    await store.transaction(async (tx) => {
      await tx.ensureCommunity('c', 'C');
      for (const to of ['ok-1', 'gone', 'flaky', 'ok-2'])
        await tx.queueMessage('c', to, { text: `hi ${to}` }, clock.now());
    });
  });

  /** A deliverer whose messenger only records who it sent to. */
  const recordingDeliverer = () => {
    const sent: string[] = [];
    const messenger: Messenger = { send: async (to: string) => void sent.push(to) };
    return { sent, deliverer: outboxDeliverer({ store, messenger, clock, logger: silentLogger() }) };
  };

  const outbox = async () =>
    (
      await database.db.query<{
        recipient_id: string;
        attempts: number;
        failed_at: Date | null;
        failure: string | null;
      }>('SELECT recipient_id, attempts, failed_at, failure FROM outbox ORDER BY id')
    ).rows;

  it('sends each message once, records permanent failures and retries transient ones after a backoff', async () => {
    const sent: string[] = [];
    let flakyFailures = 1;
    const messenger: Messenger = {
      async send(to: string, message: BotMessage) {
        if (to === 'gone') throw new PermanentDeliveryError('user has left the workspace');
        if (to === 'flaky' && flakyFailures-- > 0) throw new Error('rate limited');
        sent.push(`${to}: ${message.text}`);
      },
    };
    const deliverer = outboxDeliverer({ store, messenger, clock, logger: silentLogger(), backoffMs: 2_000 });

    // Overlapping drains claim different messages: nothing is sent twice.
    const next = await Promise.all([deliverer.drain(), deliverer.drain(), deliverer.drain()]);
    expect(sent.sort()).toEqual(['ok-1: hi ok-1', 'ok-2: hi ok-2']);
    expect(await outbox()).toEqual([
      { recipient_id: 'gone', attempts: 1, failed_at: clock.now(), failure: 'user has left the workspace' },
      { recipient_id: 'flaky', attempts: 1, failed_at: null, failure: 'rate limited' },
    ]);
    const retryAt = new Date(clock.now().getTime() + 2_000);
    expect(next).toContainEqual(retryAt);

    expect(await deliverer.drain()).toEqual(retryAt);
    expect(sent).toHaveLength(2);
    clock.advance(2_000);
    expect(await deliverer.drain()).toBeNull();
    expect(sent).toContain('flaky: hi flaky');
    expect((await outbox()).map((row) => row.recipient_id)).toEqual(['gone']);
  });

  it('gives up on a message after its last try, doubling the wait between tries', async () => {
    const messenger: Messenger = {
      async send(to: string) {
        if (to === 'flaky') throw new Error('timeout');
      },
    };
    const deliverer = outboxDeliverer({
      store,
      messenger,
      clock,
      logger: silentLogger(),
      attempts: 4,
      backoffMs: 1_000,
    });
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const next = await deliverer.drain();
      if (next) waits.push(next.getTime() - clock.now().getTime());
      if (next) clock.set(next);
    }
    expect(waits).toEqual([1_000, 2_000, 4_000]);
    const flaky = (await outbox()).find((row) => row.recipient_id === 'flaky');
    expect(flaky).toMatchObject({ attempts: 4, failure: 'timeout' });
    expect(flaky!.failed_at).not.toBeNull();
    expect(await deliverer.drain()).toBeNull();
  });

  it('gives a batch back at once when sending it fails midway (the limiter cannot be reached)', async () => {
    const messenger: Messenger = { send: async () => undefined };
    const limiter = {
      take: async () => Promise.reject(new Error('OOM command not allowed')),
      pause: async () => undefined,
    };
    const broken = outboxDeliverer({ store, messenger, clock, logger: silentLogger(), limiter });
    await expect(broken.drain()).rejects.toThrow('OOM');
    // Not held for the claim's minute: the next drain, at the same instant, sends everything.
    const { sent, deliverer: working } = recordingDeliverer();
    expect(await working.drain()).toBeNull();
    expect(sent.sort()).toEqual(['flaky', 'gone', 'ok-1', 'ok-2']);
  });

  describe('a hand-off (messages claimed as they were queued)', () => {
    const queueClaimed = (messages: { to: string; notBefore?: Date }[]) =>
      store.transaction((tx) =>
        tx.queueMessages(
          'c',
          messages.map(({ to, notBefore }) => ({ to, message: { text: `hi ${to}` }, notBefore })),
          clock.now(),
          claimUntil(clock.now()),
        ),
      );

    it('claims only messages that may go now; one waiting for working hours stays with the queue', async () => {
      const later = new Date(clock.now().getTime() + 3_600_000);
      const claimed = await queueClaimed([{ to: 'now-1' }, { to: 'tonight', notBefore: later }, { to: 'now-2' }]);
      expect(claimed.map((m) => m.recipientId)).toEqual(['now-1', 'now-2']);
      const { sent, deliverer } = recordingDeliverer();
      // A drain sends the earlier unclaimed messages but neither claimed one; it looks again when the claims
      // run out (their sender may have died).
      expect(await deliverer.drain()).toEqual(claimUntil(clock.now()));
      expect(sent.sort()).toEqual(['flaky', 'gone', 'ok-1', 'ok-2']);
      expect(await deliverer.handOff(claimed)).toBeNull();
      expect(sent.slice(4)).toEqual(['now-1', 'now-2']);
      expect((await outbox()).map((row) => row.recipient_id)).toEqual(['tonight']);
    });

    it('keeps its claim for half the claim time at most: the rest goes back to the queue', async () => {
      const claimed = await queueClaimed([{ to: 'slow-1' }, { to: 'slow-2' }, { to: 'slow-3' }]);
      const sent: string[] = [];
      const messenger: Messenger = {
        async send(to: string) {
          sent.push(to);
          clock.advance(31_000);
        },
      };
      const deliverer = outboxDeliverer({ store, messenger, clock, logger: silentLogger(), batchSize: 1 });
      expect(await deliverer.handOff(claimed)).toEqual(clock.now());
      expect(sent).toEqual(['slow-1']);
      // Given back, not held until the claim ends: a drain at this instant sends the other two, once.
      await deliverer.drain();
      expect(sent.filter((to) => to.startsWith('slow')).sort()).toEqual(['slow-1', 'slow-2', 'slow-3']);
      expect(await outbox()).toEqual([]);
    });

    it('gives everything back at once and fails when sending fails midway', async () => {
      const claimed = await queueClaimed([{ to: 'h-1' }, { to: 'h-2' }]);
      const limiter = { take: async () => Promise.reject(new Error('Redis is down')), pause: async () => undefined };
      const messenger: Messenger = { send: async () => undefined };
      const broken = outboxDeliverer({ store, messenger, clock, logger: silentLogger(), limiter });
      await expect(broken.handOff(claimed)).rejects.toThrow('Redis is down');
      const { sent, deliverer: working } = recordingDeliverer();
      expect(await working.drain()).toBeNull();
      expect(sent.sort()).toEqual(['flaky', 'gone', 'h-1', 'h-2', 'ok-1', 'ok-2']);
    });
  });
});
