import type { Client } from 'pg';
import { postgresStore } from '../../../db/postgres-store';
import type { SqlDatabase } from '../../../db/sql-client';
import type { CommunityId, PersonId } from '../../../src/domain/ids';
import type { Member } from '../../../src/domain/member';
import type { Pairing, PairingSource } from '../../../src/domain/pairing';
import type { Store, StoreTx } from '../../../src/ports/store';
import type { TestDatabase } from '../../helpers/test-databases';

/** A fixed instant every test counts from: nothing here reads the wall clock. */
export const T0 = new Date('2026-03-02T12:00:00.000Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
export const minutesAfter = (n: number, from: Date = T0): Date => new Date(from.getTime() + n * MINUTE);
export const daysBefore = (n: number, from: Date = T0): Date => new Date(from.getTime() - n * DAY);

export interface StoreUnderTest {
  readonly db: SqlDatabase;
  readonly store: Store;
  tx<T>(work: (tx: StoreTx) => Promise<T>): Promise<T>;
}

/**
 * Opens a database from `create` (one of DATABASE_TARGETS) before the enclosing describe block and drops it
 * after, with the Postgres store on top. Tests sharing it keep apart by using their own community ids.
 */
export function storeUnderTest(create: () => Promise<TestDatabase>): StoreUnderTest {
  let database: TestDatabase | undefined;
  let store: Store | undefined;
  beforeAll(async () => {
    database = await create();
    store = postgresStore(database.db);
  });
  afterAll(async () => {
    await database?.dispose();
  });
  const opened = (): { database: TestDatabase; store: Store } => {
    if (!database || !store) throw new Error('the test database is not open (beforeAll failed?)');
    return { database, store };
  };
  return {
    get db() {
      return opened().database.db;
    },
    get store() {
      return opened().store;
    },
    tx: (work) => opened().store.transaction(work),
  };
}

export function aMember(communityId: CommunityId, id: PersonId, overrides: Partial<Member> = {}): Member {
  return {
    communityId,
    id,
    displayName: id.split(':').pop() ?? id,
    role: 'mentee',
    skills: [],
    goals: ['pricing'],
    timezone: 'Europe/Berlin',
    languages: ['en'],
    capacity: 0,
    cadenceMinutes: 14 * 24 * 60,
    experienceYears: null,
    status: 'active',
    pausedUntil: null,
    priority: false,
    joinedAt: T0,
    ...overrides,
  };
}

export function aPairing(
  tx: StoreTx,
  communityId: CommunityId,
  mentorId: PersonId,
  menteeId: PersonId,
  overrides: { source?: PairingSource; cadenceMinutes?: number; startedAt?: Date } = {},
): Promise<Pairing> {
  return tx.createPairing({
    communityId,
    mentorId,
    menteeId,
    source: overrides.source ?? 'manual',
    cadenceMinutes: overrides.cadenceMinutes ?? 7 * 24 * 60,
    startedAt: overrides.startedAt ?? T0,
  });
}

/** Reads rows directly, for what the port does not expose (ended_by, anonymised ids, audit details). */
export async function selectRows<Row = Record<string, unknown>>(
  db: SqlDatabase,
  sql: string,
  params: unknown[] = [],
): Promise<Row[]> {
  return (await db.query<Row>(sql, params)).rows;
}

/** A rejected promise's error, to check its code: pg and PGlite both put the SQLSTATE in `code`. */
export async function failureOf(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/**
 * Resolves once `count` other sessions of the client's database wait on a lock (pg_locks), so a test can
 * line up concurrent transactions at a known point without guessing how long they take.
 */
export async function waitForLockWaiters(observer: Pick<Client, 'query'>, count: number): Promise<void> {
  for (let poll = 0; poll < 2000; poll++) {
    // pg_stat_activity is read once per transaction, and the observer may be inside one: read it afresh.
    await observer.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await observer.query<{ n: number }>(
      `SELECT count(DISTINCT l.pid)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE NOT l.granted AND a.datname = current_database() AND l.pid <> pg_backend_pid()`,
    );
    if (rows[0]!.n >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`fewer than ${count} sessions ever waited on a lock`);
}

/** A promise and the function that settles it, to hold a transaction at a chosen point. */
export function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

/** A check-in nudge as stored, including what the Nudge type leaves out (who answered, and when). */
export interface StoredNudge {
  id: number;
  pairing_id: number;
  community_id: string;
  due_at: Date;
  generation: number;
  status: string;
  sent_at: Date | null;
  answered_at: Date | null;
  answered_by: string | null;
}

/** The pairing's nudges as stored, oldest first. */
export const nudgeRowsOf = (db: SqlDatabase, pairingId: number): Promise<StoredNudge[]> =>
  selectRows<StoredNudge>(db, 'SELECT * FROM checkin_nudges WHERE pairing_id = $1 ORDER BY id', [pairingId]);
