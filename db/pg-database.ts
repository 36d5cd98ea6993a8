import { Pool, type PoolClient } from 'pg';
import type { SqlClient, SqlDatabase } from './sql-client';

/** Deadlocks and serialization failures are safe to retry: the transaction left nothing behind. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 4;

function clientOf(conn: Pool | PoolClient): SqlClient {
  return {
    async query(sql, params) {
      const result = await conn.query(sql, params);
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
    async exec(sql) {
      await conn.query(sql);
    },
  };
}

export function openPgDatabase(connectionString: string, options: { max?: number } = {}): SqlDatabase {
  const pool = new Pool({ connectionString, max: options.max ?? 10 });
  // An idle client losing its server (restart, failover) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const root = clientOf(pool);
  return {
    kind: 'postgres',
    query: root.query,
    exec: root.exec,
    async transaction(work) {
      for (let attempt = 1; ; attempt++) {
        const conn = await pool.connect();
        try {
          await conn.query('BEGIN');
          const value = await work(clientOf(conn));
          await conn.query('COMMIT');
          return value;
        } catch (error) {
          await conn.query('ROLLBACK').catch(() => undefined);
          const code = (error as { code?: string }).code;
          if (code && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) continue;
          throw error;
        } finally {
          conn.release();
        }
      }
    },
    close: () => pool.end(),
  };
}
