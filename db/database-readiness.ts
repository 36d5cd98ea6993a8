import type { ReadinessCheck } from '../src/observability/readiness';
import { loadMigrations, migrationsCurrent } from './migrate';
import type { SqlDatabase } from './sql-client';

/**
 * /readyz's database checks: the server answers, and every migration in db/migrations has been applied (a
 * process started from a newer image than the schema must not take traffic before `migrate` ran).
 */
export function databaseReadiness(db: SqlDatabase): ReadinessCheck[] {
  const migrations = loadMigrations();
  return [
    { name: 'postgres', probe: async () => void (await db.query('SELECT 1')) },
    {
      name: 'migrations',
      probe: async () => {
        if (!(await migrationsCurrent(db, migrations))) throw new Error('database migrations are behind this version');
      },
    },
  ];
}
