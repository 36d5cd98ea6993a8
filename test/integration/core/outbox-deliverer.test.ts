import { postgresStore } from '../../../db/postgres-store';
import type { BotMessage } from '../../../src/domain/message';
import { outboxDeliverer } from '../../../src/delivery/outbox-deliverer';
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

  const outbox = async () =>
    (
      await database.db.query<{
        recipient_id: string;
        attempts: number;
        failed_at: Date | null;
        failure: string | null;
      }>('SELECT recipient_id, attempts, failed_at, failure FROM outbox ORDER BY id')
    ).rows;

  it('sends each message once, records permanent failures and retries transient ones later', async () => {
    const sent: string[] = [];
    let flakyFailures = 1;
    const messenger: Messenger = {
      async send(to: string, message: BotMessage) {
        if (to === 'gone') throw new PermanentDeliveryError('user has left the workspace');
        if (to === 'flaky' && flakyFailures-- > 0) throw new Error('rate limited');
        sent.push(`${to}: ${message.text}`);
      },
    };
    const deliverer = outboxDeliverer({ store, messenger, clock, logger: silentLogger() });

    // Overlapping flushes share one pass: nothing is sent twice.
    await Promise.all([deliverer.flush(), deliverer.flush(), deliverer.flush()]);
    expect(sent).toEqual(['ok-1: hi ok-1']);
    expect(await outbox()).toEqual([
      { recipient_id: 'gone', attempts: 1, failed_at: clock.now(), failure: 'user has left the workspace' },
      { recipient_id: 'flaky', attempts: 1, failed_at: null, failure: 'rate limited' },
      { recipient_id: 'ok-2', attempts: 0, failed_at: null, failure: null },
    ]);

    await deliverer.flush();
    expect(sent).toEqual(['ok-1: hi ok-1', 'flaky: hi flaky', 'ok-2: hi ok-2']);
    expect((await outbox()).map((row) => row.recipient_id)).toEqual(['gone']);
  });

  it('gives up on a message after five failed tries', async () => {
    const messenger: Messenger = {
      async send(to: string) {
        if (to === 'flaky') throw new Error('timeout');
      },
    };
    const deliverer = outboxDeliverer({ store, messenger, clock, logger: silentLogger() });
    for (let i = 0; i < 5; i++) await deliverer.flush();
    const rows = await outbox();
    expect(rows.find((row) => row.recipient_id === 'flaky')).toMatchObject({ attempts: 5, failure: 'timeout' });
    expect(rows.find((row) => row.recipient_id === 'flaky')!.failed_at).not.toBeNull();
  });
});
