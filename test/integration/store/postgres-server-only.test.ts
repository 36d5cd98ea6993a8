import { Client } from 'pg';
import { postgresStore } from '../../../db/postgres-store';
import type { Store, StoreTx } from '../../../src/ports/store';
import { openPgDatabase } from '../../../db/pg-database';
import { createServerDatabase, type TestDatabase } from '../../helpers/test-databases';
import { aMember, T0, waitForLockWaiters } from './store-fixtures';

const C = 'c:locks';
const A = 'p:ana';
const B = 'p:bo';

/** A promise and the function that settles it, to hold a transaction at a chosen point. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

// PGlite runs one transaction at a time, so lock waits only exist on the real server.
describe('store on the Postgres server only', () => {
  let database: TestDatabase;
  let store: Store;
  let observer: Client;

  beforeAll(async () => {
    database = await createServerDatabase();
    store = postgresStore(database.db);
    observer = new Client({ connectionString: database.url! });
    await observer.connect();
    await store.transaction(async (tx) => {
      await tx.ensureCommunity(C, 'Locks');
      await tx.ensureCommunity('c:locks-other', 'Other');
      await tx.saveMember(aMember(C, A, { experienceYears: 0 }));
      await tx.saveMember(aMember(C, B));
      await tx.saveMember(aMember('c:locks-other', A, { experienceYears: 0 }));
      await tx.saveMember(aMember('c:locks-other', B));
    });
  });
  afterAll(async () => {
    await observer.end();
    await database.dispose();
  });

  describe('lockMembers', () => {
    // A read-then-write counter (Ana's experience years): it loses an update unless the two writers are serialised.
    const readCounter = async (tx: StoreTx, community = C): Promise<{ value: number; write: () => Promise<void> }> => {
      const member = (await tx.findMember(community, A))!;
      const value = member.experienceYears ?? 0;
      return { value, write: () => tx.saveMember({ ...member, experienceYears: value + 1 }) };
    };
    const counter = async (community = C): Promise<number> =>
      (await store.transaction((tx) => tx.findMember(community, A)))!.experienceYears ?? 0;
    const resetCounter = (community = C): Promise<void> =>
      store.transaction(async (tx) => tx.saveMember({ ...(await tx.findMember(community, A))!, experienceYears: 0 }));

    it('without lockMembers, two read-then-write transactions lose an update (the control)', async () => {
      await resetCounter();
      const firstRead = signal();
      const release = signal();
      const first = store.transaction(async (tx) => {
        const count = await readCounter(tx);
        firstRead.fire();
        await release.promise;
        await count.write();
      });
      await firstRead.promise;
      await store.transaction(async (tx) => (await readCounter(tx)).write());
      release.fire();
      await first;
      expect(await counter()).toBe(1);
    });

    it('makes a second transaction locking the same two people wait until the first ends', async () => {
      await resetCounter();
      const firstRead = signal();
      const release = signal();
      const first = store.transaction(async (tx) => {
        await tx.lockMembers(C, [A, B]);
        const count = await readCounter(tx);
        firstRead.fire();
        await release.promise;
        await count.write();
        return count.value;
      });
      await firstRead.promise;
      // The other order on purpose: the locks are taken in a stable order, so this cannot deadlock.
      const second = store.transaction(async (tx) => {
        await tx.lockMembers(C, [B, A]);
        const count = await readCounter(tx);
        await count.write();
        return count.value;
      });
      await waitForLockWaiters(observer, 1);
      release.fire();

      expect(await Promise.all([first, second])).toEqual([0, 1]);
      expect(await counter()).toBe(2);
    });

    it('serialises many concurrent transactions that lock the same person', async () => {
      await resetCounter();
      const runs = Array.from({ length: 8 }, (_, i) =>
        store.transaction(async (tx) => {
          await tx.lockMembers(C, i % 2 ? [A, B] : [B, A]);
          await (await readCounter(tx)).write();
        }),
      );
      await Promise.all(runs);
      expect(await counter()).toBe(8);
    });

    it('does not hold the same person ids in another community', async () => {
      await resetCounter('c:locks-other');
      const release = signal();
      const locked = signal();
      const first = store.transaction(async (tx) => {
        await tx.lockMembers(C, [A, B]);
        locked.fire();
        await release.promise;
      });
      await locked.promise;
      // Would wait for `first` (and time the test out) if the lock reached across communities.
      await store.transaction(async (tx) => {
        await tx.lockMembers('c:locks-other', [A, B]);
        await (await readCounter(tx, 'c:locks-other')).write();
      });
      release.fire();
      await first;
      expect(await counter('c:locks-other')).toBe(1);
    });
  });

  describe('claiming the same event from two transactions at once', () => {
    it('gives the second claim nothing once the first commits', async () => {
      const claimed = signal();
      const release = signal();
      const first = store.transaction(async (tx) => {
        const won = (await tx.claimEvent(C, 'evt-race-commit', A, '')) !== null;
        claimed.fire();
        await release.promise;
        await tx.saveEventReply(C, 'evt-race-commit', { text: 'first', visibility: 'private' });
        return won;
      });
      await claimed.promise;
      const second = store.transaction(async (tx) => (await tx.claimEvent(C, 'evt-race-commit', A, '')) !== null);
      await waitForLockWaiters(observer, 1);
      release.fire();

      expect(await Promise.all([first, second])).toEqual([true, false]);
      expect(await store.processedReply(C, 'evt-race-commit')).toEqual({ text: 'first', visibility: 'private' });
    });

    it('gives the second claim the event when the first rolls back', async () => {
      const claimed = signal();
      const release = signal();
      const first = store.transaction(async (tx) => {
        await tx.claimEvent(C, 'evt-race-rollback', A, '');
        claimed.fire();
        await release.promise;
        throw new Error('the command failed');
      });
      await claimed.promise;
      const second = store.transaction(async (tx) => (await tx.claimEvent(C, 'evt-race-rollback', A, '')) !== null);
      await waitForLockWaiters(observer, 1);
      release.fire();

      await expect(first).rejects.toThrow('the command failed');
      expect(await second).toBe(true);
    });
  });

  describe('named statements', () => {
    const preparedInSession = (db: ReturnType<typeof openPgDatabase>) =>
      db.transaction(async (tx) => {
        await tx.query('SELECT count(*) FROM members WHERE community_id = $1', ['c:named']);
        const { rows } = await tx.query<{ name: string }>('SELECT name FROM pg_prepared_statements');
        return rows.map((row) => row.name).sort();
      });

    it('runs a statement prepared before a migration changed its columns again, on a fresh connection', async () => {
      await database.db.exec(
        'CREATE TABLE stale_plan_probe (id int PRIMARY KEY); INSERT INTO stale_plan_probe VALUES (1)',
      );
      const db = openPgDatabase(database.url!, { max: 2 });
      const select = 'SELECT * FROM stale_plan_probe WHERE id = $1';
      try {
        // Both connections prepare the statement, in a transaction and outside one.
        await Promise.all([db.transaction((tx) => tx.query(select, [1])), db.query(select, [1])]);
        await db.transaction((tx) => tx.query(select, [1]));
        // What a newer version's migration does while this process runs.
        await database.db.exec("ALTER TABLE stale_plan_probe ADD COLUMN note text NOT NULL DEFAULT 'added'");
        expect((await db.transaction((tx) => tx.query(select, [1]))).rows).toEqual([{ id: 1, note: 'added' }]);
        expect((await db.query(select, [1])).rows).toEqual([{ id: 1, note: 'added' }]);
        expect((await db.query(select, [1])).rows).toEqual([{ id: 1, note: 'added' }]);
      } finally {
        await db.close();
      }
    });

    it('prepares each statement once per connection by default, and not at all when turned off', async () => {
      const named = openPgDatabase(database.url!, { max: 1 });
      const unnamed = openPgDatabase(database.url!, { max: 1, preparedStatements: false });
      try {
        const first = await preparedInSession(named);
        expect(first).toEqual([expect.stringMatching(/^mentor_bot_\d+$/), expect.stringMatching(/^mentor_bot_\d+$/)]);
        // The second run on the same connection binds what it prepared the first time: nothing new.
        expect(await preparedInSession(named)).toEqual(first);
        expect(await preparedInSession(unnamed)).toEqual([]);
      } finally {
        await named.close();
        await unnamed.close();
      }
    });
  });

  describe('close', () => {
    it('closes the store’s own connections and nothing else', async () => {
      const own = openPgDatabase(database.url!, { max: 1 });
      const closing = postgresStore(own);
      expect(await closing.nextMessageAt(T0)).toBeNull();
      await closing.close();

      await expect(closing.nextMessageAt(T0)).rejects.toThrow();
      await expect(closing.transaction((tx) => tx.findMember(C, A))).rejects.toThrow();
      expect(await store.transaction((tx) => tx.findMember(C, A))).not.toBeNull();
    });
  });
});
