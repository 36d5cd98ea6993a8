import { migrate } from './migrate';
import { openPgDatabase } from './pg-database';
import { openPgliteDatabase } from './pglite-database';
import type { SqlDatabase } from './sql-client';

/** The server named by `databaseUrl`, or the embedded PGlite in `dataDir`; migrated before it is returned. */
export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** Named statements on the server (pg-database.ts); off for a pooler that cannot keep them. */
  preparedStatements?: boolean;
}): Promise<SqlDatabase> {
  const db = options.databaseUrl
    ? openPgDatabase(options.databaseUrl, { preparedStatements: options.preparedStatements ?? true })
    : await openPgliteDatabase(options.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}
