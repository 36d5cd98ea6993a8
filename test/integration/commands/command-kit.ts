import * as vm from 'node:vm';
import type { SqlDatabase } from '../../../db/sql-client';
import type { BotMessage, Reply } from '../../../src/domain/message';
import type { Member } from '../../../src/domain/member';
import type { Pairing } from '../../../src/domain/pairing';
import { COMMUNITY, commandHarness, person, type Harness } from '../../helpers/command-harness';
import { createPgliteDatabase, createServerDatabase, rowCounts, type TestDatabase } from '../../helpers/test-databases';

/** Every table the migrations made, but the migrations' own record (new tables are covered without edits here). */
async function dataTables(db: SqlDatabase): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'
     ORDER BY table_name`,
  );
  return rows.map((r) => r.name);
}

const tablesOf = new WeakMap<SqlDatabase, Promise<string[]>>();

/** Every row of every data table, as sorted JSON text: equal snapshots mean nothing was written or changed. */
export async function snapshot(db: SqlDatabase): Promise<Record<string, string[]>> {
  if (!tablesOf.has(db)) tablesOf.set(db, dataTables(db));
  const tables = await tablesOf.get(db)!;
  const { rows } = await db.query<{ t: string; row: string }>(
    tables.map((table) => `SELECT '${table}' AS t, row_to_json(x)::text AS row FROM ${table} x`).join(' UNION ALL '),
  );
  const byTable: Record<string, string[]> = Object.fromEntries(tables.map((table) => [table, []]));
  for (const { t, row } of rows) byTable[t]!.push(row);
  for (const table of tables) byTable[table]!.sort();
  return byTable;
}

/** What an expected failure must look like to a person: one short line, no internals, no apology for a bug. */
export function expectOneSentence(text: string): void {
  expect(text).not.toContain('\n');
  expect(text).not.toMatch(/Error:|undefined|NaN|\[object |null\b|\bat \S+ \(/);
  expect(text).not.toMatch(/something went wrong/i);
  expect(text.length).toBeGreaterThan(10);
  expect(text.length).toBeLessThan(400);
  expect(text).toMatch(/[.?!]$/);
}

export interface CommandKit {
  db: SqlDatabase;
  h: Harness;
  /** Runs a command that must be refused: checks the sentence and that the database is exactly unchanged. */
  refused(name: string, text: string, expected: RegExp): Promise<Reply>;
  /** Runs a command that must succeed (its reply matches `expected`). */
  ok(name: string, text: string, expected?: RegExp): Promise<Reply>;
  mentor(name: string, extra?: string): Promise<void>;
  mentee(name: string, extra?: string): Promise<void>;
  pair(mentor: string, mentee: string): Promise<Pairing>;
  member(name: string): Promise<Member | null>;
  pairingsBetween(mentor: string, mentee: string): Promise<Pairing[]>;
  /** Messages queued in the outbox for `name`, oldest first. */
  outboxFor(name: string): Promise<BotMessage[]>;
  counts(): Promise<Record<string, number>>;
}

/**
 * PGlite loads parts of itself with a dynamic `import()`, which Jest can only serve when Node runs with
 * `--experimental-vm-modules` (electric-sql/pglite#224); without that flag these tests use a database of their
 * own on the shared Postgres server, which every development and CI machine runs (ENGINEERING.md).
 */
const canRunPglite = typeof (vm as { SourceTextModule?: unknown }).SourceTextModule === 'function';
export const DATABASE_KIND = canRunPglite ? 'pglite' : 'postgres server';

/**
 * One database per test file, emptied before each test, and a fresh harness (and clock) per test, so tests do
 * not depend on each other.
 */
export function useCommandKit(): CommandKit {
  let database: TestDatabase | undefined;
  let harness: Harness | undefined;
  const db = (): SqlDatabase => database!.db;
  const h = (): Harness => harness!;
  let tables: string[] = [];

  beforeAll(async () => {
    database = canRunPglite ? await createPgliteDatabase() : await createServerDatabase();
    tables = await dataTables(db());
  });
  afterAll(async () => {
    await database?.dispose();
  });
  beforeEach(async () => {
    await db().exec(`TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE`);
    harness = commandHarness(db());
  });

  const kit: CommandKit = {
    get db() {
      return db();
    },
    get h() {
      return h();
    },
    async refused(name, text, expected) {
      const countsBefore = await rowCounts(db());
      const rowsBefore = await snapshot(db());
      const reply = await h().reply(name, text);
      expect(reply.text).toMatch(expected);
      expectOneSentence(reply.text);
      expect(reply.visibility).toBe('private');
      expect(await rowCounts(db())).toEqual(countsBefore);
      expect(await snapshot(db())).toEqual(rowsBefore);
      return reply;
    },
    async ok(name, text, expected) {
      const reply = await h().reply(name, text);
      if (expected) expect(reply.text).toMatch(expected);
      expect(reply.text).not.toMatch(/something went wrong/i);
      return reply;
    },
    async mentor(name, extra = '') {
      await kit.ok(name, `join mentor skills: pricing, contracts tz: UTC ${extra}`, /^Welcome/);
    },
    async mentee(name, extra = '') {
      await kit.ok(name, `join mentee goals: pricing tz: UTC ${extra}`, /^Welcome/);
    },
    async pair(mentor, mentee) {
      await kit.ok('mod', `pair @${mentor} @${mentee}`, /^Paired/);
      const pairings = await kit.pairingsBetween(mentor, mentee);
      const active = pairings.find((p) => p.status === 'active');
      expect(active).toBeDefined();
      return active!;
    },
    member: (name) => h().store.transaction((tx) => tx.findMember(COMMUNITY, person(name))),
    pairingsBetween: (mentor, mentee) =>
      h().store.transaction((tx) => tx.pairingsBetween(COMMUNITY, person(mentor), person(mentee))),
    async outboxFor(name) {
      const { rows } = await db().query<{ message: BotMessage }>(
        'SELECT message FROM outbox WHERE recipient_id = $1 ORDER BY id',
        [person(name)],
      );
      return rows.map((r) => r.message);
    },
    counts: () => rowCounts(db()),
  };
  return kit;
}

export { person };
