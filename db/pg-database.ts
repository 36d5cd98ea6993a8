import { Pool, type PoolClient } from 'pg';
import { StoreUnavailableError } from '../src/ports/store';
import type { SqlClient, SqlDatabase } from './sql-client';

/** Deadlocks and serialization failures are safe to retry: the transaction left nothing behind. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 4;
/** Lost or refused connections and a server shutting down: nothing was committed, so the caller may retry. */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03']);

function translate(error: unknown): unknown {
  const code = (error as { code?: string } | null)?.code ?? '';
  const message = error instanceof Error ? error.message : '';
  if (
    UNAVAILABLE_CODES.has(code) ||
    code.startsWith('08') ||
    /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(message)
  ) {
    return new StoreUnavailableError(`database unavailable: ${code || message}`);
  }
  return error;
}

/**
 * A statement this connection prepared before a migration changed the columns it returns (a rolling deploy
 * migrating under running processes): Postgres refuses to run it. A new connection prepares it afresh, so the
 * connection is dropped and the work tried again.
 */
function isStalePlan(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  return code === '0A000' && /cached plan must not change result type/.test(message ?? '');
}

/** Beyond this many distinct statements, the rest run unnamed (our SQL is a fixed set well under it). */
const MAX_NAMED_STATEMENTS = 1000;
const statementNames = new Map<string, string>();

/**
 * A name per statement text, so each connection parses and plans a statement once and then only binds and runs
 * it: most of a command's statements are small index lookups, for which parsing and planning cost Postgres
 * more than running them.
 */
function statementName(sql: string): string | undefined {
  let name = statementNames.get(sql);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `mentor_bot_${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  return name;
}

function clientOf(conn: Pool | PoolClient, named: boolean): SqlClient {
  return {
    async query(sql, params) {
      const name = named ? statementName(sql) : undefined;
      const result = await conn
        .query({ text: sql, values: params ?? [], ...(name && { name }) })
        .catch((error: unknown) => Promise.reject(translate(error)));
      return { rows: result.rows, rowCount: result.rowCount ?? 0 };
    },
    async exec(sql) {
      await conn.query(sql).catch((error: unknown) => Promise.reject(translate(error)));
    },
  };
}

/** How long opening a connection may take before the command is told to try again. */
const CONNECT_TIMEOUT_MS = 5_000;
/**
 * How long an unused connection stays open. pg's default (10 s) closes the pool after any short lull, and the
 * next burst of commands then waits for new connections (a new server process each) ahead of its work.
 */
const IDLE_TIMEOUT_MS = 5 * 60_000;

export function openPgDatabase(
  connectionString: string,
  options: { max?: number; connectTimeoutMs?: number; preparedStatements?: boolean } = {},
): SqlDatabase {
  // A server that is restarting can accept a connection and never answer it; without a bound the command
  // would wait forever instead of getting its "try again" answer.
  const pool = new Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: IDLE_TIMEOUT_MS,
  });
  // An idle client losing its server (restart, failover) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const named = options.preparedStatements ?? true;
  const root = clientOf(pool, named);
  // Each of the pool's connections may hold a stale statement once; pg-pool drops a connection whose query failed.
  const staleRetries = options.max ?? 10;
  return {
    kind: 'postgres',
    async query(sql, params) {
      for (let stale = 0; ; stale++) {
        try {
          return await root.query(sql, params);
        } catch (error) {
          if (!isStalePlan(error) || stale >= staleRetries) throw error;
        }
      }
    },
    exec: root.exec,
    async transaction(work) {
      for (let attempt = 1, stale = 0; ; attempt++) {
        const conn = await pool.connect().catch((error: unknown) => Promise.reject(translate(error)));
        let broken = false;
        // The pool listens for errors only on idle clients: a server lost between two statements of this
        // transaction would otherwise be an unhandled 'error' event that kills the process.
        const onLost = (): void => {
          broken = true;
        };
        conn.on('error', onLost);
        try {
          await conn.query('BEGIN');
          const value = await work(clientOf(conn, named));
          await conn.query('COMMIT');
          return value;
        } catch (error) {
          const stalePlan = isStalePlan(error);
          broken ||= stalePlan || translate(error) instanceof StoreUnavailableError;
          await conn.query('ROLLBACK').catch(() => undefined);
          const code = (error as { code?: string }).code;
          if (code && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) continue;
          if (stalePlan && stale++ < staleRetries) continue;
          throw translate(error);
        } finally {
          // A connection that failed under us is thrown away rather than handed to the next caller.
          conn.off('error', onLost);
          conn.release(broken);
        }
      }
    },
    close: () => pool.end(),
  };
}
