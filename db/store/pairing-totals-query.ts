import type { PairingTotals } from '../../src/ports/store';
import type { SqlClient } from '../sql-client';

/** One indexed pass over pairings for the metrics gauges; cheap enough to run on every scrape. */
export async function pairingTotalsQuery(sql: SqlClient): Promise<PairingTotals> {
  const { rows } = await sql.query<{ active: number; at_risk: number }>(
    `SELECT count(*)::int AS active, count(*) FILTER (WHERE at_risk)::int AS at_risk
       FROM pairings WHERE status = 'active'`,
  );
  return { active: rows[0]?.active ?? 0, atRisk: rows[0]?.at_risk ?? 0 };
}
