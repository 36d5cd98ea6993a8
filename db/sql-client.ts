/**
 * The small surface our SQL code needs, met by both node-postgres and PGlite, so one set of queries and
 * migrations runs on a real Postgres server and on the embedded default.
 */
export interface SqlClient {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: Row[]; rowCount: number }>;
  /** Runs a script of several statements (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlDatabase extends SqlClient {
  /** Runs `work` in one transaction: all of it commits, or none of it does. */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** 'postgres' or 'pglite', for logs and /readyz. */
  readonly kind: string;
}
