import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { SqlClient, SqlDatabase } from './sql-client';

/**
 * The embedded default: real Postgres compiled to WebAssembly, kept in a folder. PGlite has one connection
 * and runs one transaction at a time, which also makes it safe for concurrent commands in one process.
 * `dataDir` undefined keeps everything in memory (tests).
 */
export async function openPgliteDatabase(dataDir: string | undefined): Promise<SqlDatabase> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const wrap = (conn: Pick<PGlite, 'query' | 'exec'>): SqlClient => ({
    async query<Row>(sql: string, params?: unknown[]) {
      const result = await conn.query<Row>(sql, params);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string) {
      await conn.exec(sql);
    },
  });
  const root = wrap(db);
  return {
    kind: 'pglite',
    query: root.query,
    exec: root.exec,
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    close: () => db.close(),
  };
}
