import { Client } from 'pg';
import { postgresStore } from '../../../db/postgres-store';
import type { Pairing } from '../../../src/domain/pairing';
import type { Store, StoreTx } from '../../../src/ports/store';
import { createServerDatabase, DATABASE_TARGETS, type TestDatabase } from '../../helpers/test-databases';
import {
  aMember,
  aPairing,
  minutesAfter,
  nudgeRowsOf,
  selectRows,
  signal,
  storeUnderTest,
  waitForLockWaiters,
  type StoredNudge,
} from './store-fixtures';

const F = 'c:nudge-forget';
const ELSEWHERE = 'c:nudge-forget-elsewhere';
const X = 'p:xena'; // the person who asks to be forgotten
const M = 'p:milo'; // X's mentor
const E = 'p:esra'; // X's mentee
const ANON = 'forgotten:nudge-9b1';

/** A nudge that went out and was answered (`status`) at `at`, by `by` if given. */
async function answeredNudge(
  tx: StoreTx,
  pairing: Pairing,
  status: 'met' | 'skipped' | 'missed',
  at: Date,
  by?: string,
) {
  const nudge = await tx.setNextNudge(pairing.communityId, pairing.id, at);
  await tx.markNudge(nudge.id, 'sent', at);
  await tx.markNudge(nudge.id, status, minutesAfter(1, at), by);
}

describe.each(DATABASE_TARGETS)('store contract, forgetting a person who answered check-ins, on %s', (_t, create) => {
  const it$ = storeUnderTest(create);
  let asMentee: Pairing; // M mentors X
  let asMentor: Pairing; // X mentors E
  let there: Pairing; // M mentors X in another community
  let before: Record<number, StoredNudge[]>;

  beforeAll(async () => {
    await it$.tx(async (tx) => {
      await tx.ensureCommunity(F, 'Forget nudges');
      await tx.ensureCommunity(ELSEWHERE, 'Elsewhere');
      for (const [id, role] of [
        [X, 'both'],
        [M, 'mentor'],
        [E, 'mentee'],
      ] as const) {
        await tx.saveMember(aMember(F, id, { role, capacity: role === 'mentee' ? 0 : 2 }));
      }
      await tx.saveMember(aMember(ELSEWHERE, X));
      asMentee = await aPairing(tx, F, M, X);
      asMentor = await aPairing(tx, F, X, E);
      there = await aPairing(tx, ELSEWHERE, M, X);

      await answeredNudge(tx, asMentee, 'met', minutesAfter(10), X);
      await answeredNudge(tx, asMentee, 'skipped', minutesAfter(20), M);
      await answeredNudge(tx, asMentee, 'missed', minutesAfter(30));
      const open = await tx.setNextNudge(F, asMentee.id, minutesAfter(40));
      await tx.markNudge(open.id, 'sent', minutesAfter(40));
      await tx.setNextNudge(F, asMentee.id, minutesAfter(50));

      await answeredNudge(tx, asMentor, 'skipped', minutesAfter(11), X);
      await answeredNudge(tx, asMentor, 'met', minutesAfter(21), E);
      await tx.setNextNudge(F, asMentor.id, minutesAfter(51));

      await answeredNudge(tx, there, 'met', minutesAfter(12), X);
      await tx.setNextNudge(ELSEWHERE, there.id, minutesAfter(52));
    });
    before = {};
    for (const p of [asMentee, asMentor, there]) before[p.id] = await nudgeRowsOf(it$.db, p.id);

    // As `forget-me` runs it: end their pairings (which cancels what was scheduled), then forget them.
    await it$.tx(async (tx) => {
      await tx.claimEvent(F, 'evt-forget-me', X, '');
      for (const pairing of await tx.activePairingsOf(F, X)) {
        await tx.endPairing(pairing.id, X, 'left the program', minutesAfter(60));
      }
      await tx.forgetPerson(F, X, ANON, 'evt-forget-me');
    });
  });

  const swapped = (id: string | null) => (id === X ? ANON : id);

  it('puts the anonymous id where they answered a check-in, and keeps every nudge otherwise as it was', async () => {
    for (const pairing of [asMentee, asMentor]) {
      const was = before[pairing.id]!;
      const cancelled = was.map((r) => (r.status === 'scheduled' ? { ...r, status: 'cancelled' } : r));
      expect(await nudgeRowsOf(it$.db, pairing.id)).toEqual(
        cancelled.map((r) => ({ ...r, answered_by: swapped(r.answered_by) })),
      );
    }
    expect((await nudgeRowsOf(it$.db, asMentee.id)).map((r) => r.answered_by)).toEqual([ANON, M, null, null, null]);
    expect((await nudgeRowsOf(it$.db, asMentor.id)).map((r) => r.answered_by)).toEqual([ANON, E, null]);
  });

  it('leaves their id in no table of the community', async () => {
    const tables = await selectRows<{ table_name: string }>(
      it$.db,
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
       ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toContain('checkin_nudges');
    const found: Record<string, number> = {};
    for (const { table_name: table } of tables) {
      // Every row of the other community names it (members, pairings and nudges all carry community_id).
      const [row] = await selectRows<{ n: number }>(
        it$.db,
        `SELECT count(*)::int AS n FROM "${table}" t WHERE strpos(t::text, $1) > 0 AND strpos(t::text, $2) = 0`,
        [X, ELSEWHERE],
      );
      if (row!.n > 0) found[table] = row!.n;
    }
    expect(found).toEqual({});
  });

  it('keeps the nudges still working: the open one is found, nothing is scheduled in their pairings', async () => {
    expect(await it$.tx((tx) => tx.openNudge(asMentee.id))).toMatchObject({ status: 'sent', dueAt: minutesAfter(40) });
    const scheduled = await it$.store.scheduledNudges();
    expect(scheduled.map((n) => n.pairingId)).toEqual([there.id]);
  });

  it('changes nothing of their nudges in another community', async () => {
    expect(await nudgeRowsOf(it$.db, there.id)).toEqual(before[there.id]);
    expect((await nudgeRowsOf(it$.db, there.id))[0]).toMatchObject({ status: 'met', answered_by: X });
  });
});

// PGlite runs one transaction at a time, so lock waits only exist on the real server.
describe('check-in nudges on the Postgres server only', () => {
  const C = 'c:nudge-locks';
  let database: TestDatabase;
  let store: Store;
  let observer: Client;
  let people = 0;

  beforeAll(async () => {
    database = await createServerDatabase();
    store = postgresStore(database.db);
    observer = new Client({ connectionString: database.url! });
    await observer.connect();
    await store.transaction((tx) => tx.ensureCommunity(C, 'Nudge locks'));
  });
  afterAll(async () => {
    await observer.end();
    await database.dispose();
  });

  const newPairing = (): Promise<Pairing> => {
    people++;
    return store.transaction((tx) => aPairing(tx, C, `p:mentor-${people}`, `p:mentee-${people}`));
  };
  const newNudge = async (): Promise<number> => {
    const pairing = await newPairing();
    return (await store.transaction((tx) => tx.setNextNudge(C, pairing.id, minutesAfter(60)))).id;
  };

  it('makes a second transaction locking the same nudge wait until the first ends, then see what it did', async () => {
    const id = await newNudge();
    const locked = signal();
    const release = signal();
    // A timer that fired twice: the first delivery claims the nudge and marks it sent.
    const first = store.transaction(async (tx) => {
      const nudge = await tx.lockNudge(id);
      locked.fire();
      await release.promise;
      await tx.markNudge(id, 'sent', minutesAfter(61));
      return nudge?.status;
    });
    await locked.promise;
    const second = store.transaction(async (tx) => (await tx.lockNudge(id))?.status);
    await waitForLockWaiters(observer, 1);
    release.fire();

    expect(await Promise.all([first, second])).toEqual(['scheduled', 'sent']);
  });

  it('lets the second lock the nudge as it was when the first rolls back', async () => {
    const id = await newNudge();
    const locked = signal();
    const release = signal();
    const first = store.transaction(async (tx) => {
      await tx.lockNudge(id);
      await tx.markNudge(id, 'sent', minutesAfter(61));
      locked.fire();
      await release.promise;
      throw new Error('delivery failed');
    });
    await locked.promise;
    const second = store.transaction(async (tx) => (await tx.lockNudge(id))?.status);
    await waitForLockWaiters(observer, 1);
    release.fire();

    await expect(first).rejects.toThrow('delivery failed');
    expect(await second).toBe('scheduled');
  });

  it('does not hold another nudge', async () => {
    const held = await newNudge();
    const other = await newNudge();
    const locked = signal();
    const release = signal();
    const first = store.transaction(async (tx) => {
      await tx.lockNudge(held);
      locked.fire();
      await release.promise;
    });
    await locked.promise;
    // Would wait for `first` (and time the test out) if the lock reached other nudges.
    expect(await store.transaction(async (tx) => (await tx.lockNudge(other))?.id)).toBe(other);
    release.fire();
    await first;
  });

  it('keeps one scheduled nudge when two transactions set the first one of a pairing at once', async () => {
    const pairing = await newPairing();
    const set = signal();
    const release = signal();
    const first = store.transaction(async (tx) => {
      const nudge = await tx.setNextNudge(C, pairing.id, minutesAfter(60));
      set.fire();
      await release.promise;
      return nudge;
    });
    await set.promise;
    // Waits on the first's uncommitted row (the one-scheduled-per-pairing index), then moves it.
    const second = store.transaction((tx) => tx.setNextNudge(C, pairing.id, minutesAfter(90)));
    await waitForLockWaiters(observer, 1);
    release.fire();

    const [a, b] = await Promise.all([first, second]);
    expect(b).toEqual({ ...a, dueAt: minutesAfter(90), generation: 1 });
    expect(await nudgeRowsOf(database.db, pairing.id)).toEqual([
      expect.objectContaining({ id: a.id, status: 'scheduled', generation: 1, due_at: minutesAfter(90) }),
    ]);
  });
});
