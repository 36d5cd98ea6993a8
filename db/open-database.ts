import { migrate } from './migrate';
import { openPgDatabase } from './pg-database';
import { openPgliteDatabase } from './pglite-database';
import type { SqlDatabase } from './sql-client';

/** The server named by `databaseUrl`, or the embedded PGlite in `dataDir`; migrated before it is returned. */
export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
}): Promise<SqlDatabase> {
  const db = options.databaseUrl ? openPgDatabase(options.databaseUrl) : await openPgliteDatabase(options.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}
