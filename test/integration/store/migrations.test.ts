import { Client } from 'pg';
import { loadMigrations, migrate, migrationsCurrent, type Migration } from '../../../db/migrate';
import { openPgDatabase } from '../../../db/pg-database';
import type { SqlDatabase } from '../../../db/sql-client';
import {
  createPgliteDatabase,
  createServerDatabase,
  DATABASE_TARGETS,
  type TestDatabase,
} from '../../helpers/test-databases';
import { selectRows, waitForLockWaiters } from './store-fixtures';

const TABLES = [
  'audit_log',
  'blocks',
  'check_ins',
  'communities',
  'feedback',
  'goals',
  'members',
  'outbox',
  'pairings',
  'processed_events',
  'schema_migrations',
  'thanks',
];

/** Fresh, unmigrated databases for each target, keyed like DATABASE_TARGETS. */
const UNMIGRATED: Record<string, () => Promise<TestDatabase>> = {
  'postgres server': () => createServerDatabase({ migrated: false }),
  pglite: () => createPgliteDatabase({ migrated: false }),
};

async function tablesOf(db: SqlDatabase): Promise<string[]> {
  const rows = await selectRows<{ name: string }>(
    db,
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((row) => row.name);
}

async function appliedVersions(db: SqlDatabase): Promise<number[]> {
  const rows = await selectRows<{ version: number }>(db, 'SELECT version FROM schema_migrations ORDER BY version');
  return rows.map((row) => row.version);
}

describe('loadMigrations', () => {
  it('reads the numbered SQL files in order', () => {
    const migrations = loadMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations[0]).toMatchObject({ version: 1, name: '001_initial' });
    expect(migrations[0]!.sql).toMatch(/CREATE TABLE communities/);
    const versions = migrations.map((m) => m.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });
});

describe.each(DATABASE_TARGETS)('migrations on %s', (target) => {
  // One fresh database per target (an embedded one is slow to create), taken through its life in order:
  // a failed first run, the real first run, a repeat, then a later migration.
  let database: TestDatabase;
  beforeAll(async () => {
    database = await UNMIGRATED[target]!();
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('applies nothing when one migration in the run fails', async () => {
    const broken: Migration = { version: 9002, name: '9002_broken', sql: 'CREATE TABLE later (id int); SELEC 1;' };
    await expect(migrate(database.db, [...loadMigrations(), broken])).rejects.toThrow();
    expect(await tablesOf(database.db)).toEqual([]);
  });

  it('applies every migration once, then nothing on the second run', async () => {
    const all = loadMigrations();
    expect(await migrate(database.db)).toEqual(all.map((m) => m.name));
    expect(await tablesOf(database.db)).toEqual(expect.arrayContaining(TABLES));
    expect(await migrationsCurrent(database.db)).toBe(true);

    expect(await migrate(database.db)).toEqual([]);
    expect(await appliedVersions(database.db)).toEqual(all.map((m) => m.version));
    expect(await migrationsCurrent(database.db)).toBe(true);
  });

  it('applies only a migration not yet applied, and is not current until then', async () => {
    const all = loadMigrations();
    const next: Migration = { version: 9001, name: '9001_add_notes', sql: 'CREATE TABLE extra_notes (id int);' };

    expect(await migrationsCurrent(database.db, [...all, next])).toBe(false);
    expect(await migrate(database.db, [...all, next])).toEqual(['9001_add_notes']);
    expect(await migrationsCurrent(database.db, [...all, next])).toBe(true);
    expect(await appliedVersions(database.db)).toEqual([...all.map((m) => m.version), 9001]);
    expect(await tablesOf(database.db)).toContain('extra_notes');
  });
});

describe('concurrent migrations on the Postgres server', () => {
  let database: TestDatabase;
  let second: SqlDatabase;
  let blocker: Client;

  beforeAll(async () => {
    database = await createServerDatabase({ migrated: false });
    second = openPgDatabase(database.url!, { max: 2 });
    blocker = new Client({ connectionString: database.url! });
    await blocker.connect();
  });
  afterAll(async () => {
    await blocker.end();
    await second.close();
    await database.dispose();
  });

  it('lets two processes migrate a fresh database at once: one applies, the other finds it done', async () => {
    const all = loadMigrations();
    // Hold the two migrations mid-way, so that both are certainly under way at the same time: an uncommitted
    // table of the same name makes the first one's CREATE TABLE wait, and the second one waits behind the first.
    await blocker.query('BEGIN');
    await blocker.query('CREATE TABLE schema_migrations (held int)');
    const running = Promise.all([migrate(database.db), migrate(second)]);
    // If a migration fails instead of waiting, its own error is the one reported.
    await Promise.race([waitForLockWaiters(blocker, 2), running]);
    await blocker.query('ROLLBACK');
    const results = await running;

    expect(results.map((applied) => applied.length).sort()).toEqual([0, all.length]);
    expect(results).toContainEqual(all.map((m) => m.name));
    const rows = await selectRows<{ version: number; n: number }>(
      database.db,
      'SELECT version, count(*)::int AS n FROM schema_migrations GROUP BY version ORDER BY version',
    );
    expect(rows).toEqual(all.map((m) => ({ version: m.version, n: 1 })));
    expect(await migrationsCurrent(second)).toBe(true);
    expect(await tablesOf(second)).toEqual(expect.arrayContaining(TABLES));
  });
});
