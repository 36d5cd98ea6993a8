import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { migrate } from '../../db/migrate';
import { openPgDatabase } from '../../db/pg-database';
import { openPgliteDatabase } from '../../db/pglite-database';
import type { SqlDatabase } from '../../db/sql-client';

/** The shared server every development and CI machine runs (see ENGINEERING.md). */
export const SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  db: SqlDatabase;
  url: string | null;
  /** Closes the connections and drops the database. */
  dispose(): Promise<void>;
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A database of its own on the real Postgres server, migrated; dropped again by `dispose`. */
export async function createServerDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `mentor_bot_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = SERVER_URL.replace(/\/[^/]*$/, `/${name}`);
  const db = openPgDatabase(url, { max: 20 });
  if (options.migrated !== false) await migrate(db);
  return {
    db,
    url,
    async dispose() {
      await db.close();
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** An in-memory PGlite, migrated. */
export async function createPgliteDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const db = await openPgliteDatabase(undefined);
  if (options.migrated !== false) await migrate(db);
  return { db, url: null, dispose: () => db.close() };
}

/** Both targets the store must work on, for `describe.each`. */
export const DATABASE_TARGETS: [string, () => Promise<TestDatabase>][] = [
  ['postgres server', createServerDatabase],
  ['pglite', createPgliteDatabase],
];

/** Row counts of every table that holds people's data, to prove a failed command wrote nothing. */
export async function rowCounts(db: SqlDatabase): Promise<Record<string, number>> {
  const tables = [
    'communities',
    'members',
    'pairings',
    'check_ins',
    'goals',
    'thanks',
    'blocks',
    'feedback',
    'audit_log',
    'processed_events',
    'outbox',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = rows[0]!.n;
  }
  return counts;
}
