import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlDatabase } from './sql-client';

const MIGRATIONS_DIR = join(__dirname, 'migrations');
/** Any fixed number: every process that migrates takes the same lock, so two starting together queue up. */
const MIGRATION_LOCK = 7_311_942;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d+_.+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.split('_')[0]),
      name: file.replace(/\.sql$/, ''),
      sql: readFileSync(join(dir, file), 'utf8'),
    }));
}

/**
 * Applies the numbered SQL files not yet applied, in order, in one transaction under an advisory lock.
 * We keep this small migrator because the well-known libraries (node-pg-migrate, umzug + pg) drive a
 * node-postgres client and cannot run on PGlite, and the same migrations must run on both.
 * Returns the names applied.
 */
export async function migrate(db: SqlDatabase, migrations = loadMigrations()): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((row) => row.version));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.name);
    }
    return applied;
  });
}

/** True when every migration in the folder has been applied (for /readyz). */
export async function migrationsCurrent(db: SqlDatabase, migrations = loadMigrations()): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
  return (rows[0]?.n ?? 0) >= migrations.length;
}
