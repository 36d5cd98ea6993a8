import type { StoreTx } from '../../src/ports/store';
import type { SqlClient } from '../sql-client';
import { nudgeFromRow, pairingFromRow, type NudgeRow, type PairingRow } from './rows';

type NudgeQueries = Pick<
  StoreTx,
  | 'setNextNudge'
  | 'lockNudge'
  | 'markNudge'
  | 'openNudge'
  | 'addMissedCheckin'
  | 'clearMissedCheckins'
  | 'setAtRisk'
  | 'nextCheckinAt'
  | 'atRiskPairings'
>;

export function nudgeQueries(sql: SqlClient): NudgeQueries {
  return {
    async setNextNudge(communityId, pairingId, dueAt) {
      const { rows } = await sql.query<NudgeRow>(
        `INSERT INTO checkin_nudges (pairing_id, community_id, due_at) VALUES ($1, $2, $3)
         ON CONFLICT (pairing_id) WHERE status = 'scheduled'
         DO UPDATE SET due_at = EXCLUDED.due_at, generation = checkin_nudges.generation + 1
         RETURNING *`,
        [pairingId, communityId, dueAt],
      );
      return nudgeFromRow(rows[0]!);
    },
    async lockNudge(nudgeId) {
      const { rows } = await sql.query<NudgeRow>('SELECT * FROM checkin_nudges WHERE id = $1 FOR UPDATE', [nudgeId]);
      return rows[0] ? nudgeFromRow(rows[0]) : null;
    },
    async markNudge(nudgeId, status, at, by) {
      const sent = status === 'sent';
      await sql.query(
        `UPDATE checkin_nudges SET status = $2,
           sent_at = CASE WHEN $4::boolean THEN $3::timestamptz ELSE sent_at END,
           answered_at = CASE WHEN $4::boolean THEN answered_at ELSE $3::timestamptz END,
           answered_by = CASE WHEN $4::boolean THEN answered_by ELSE $5 END
         WHERE id = $1`,
        [nudgeId, status, at, sent, by ?? null],
      );
    },
    async openNudge(pairingId) {
      const { rows } = await sql.query<NudgeRow>(
        `SELECT * FROM checkin_nudges WHERE pairing_id = $1 AND status = 'sent' ORDER BY id DESC LIMIT 1`,
        [pairingId],
      );
      return rows[0] ? nudgeFromRow(rows[0]) : null;
    },
    async addMissedCheckin(pairingId) {
      const { rows } = await sql.query<{ missed_checkins: number }>(
        'UPDATE pairings SET missed_checkins = missed_checkins + 1 WHERE id = $1 RETURNING missed_checkins',
        [pairingId],
      );
      return rows[0]?.missed_checkins ?? 0;
    },
    async clearMissedCheckins(pairingId) {
      await sql.query('UPDATE pairings SET missed_checkins = 0, at_risk = false WHERE id = $1', [pairingId]);
    },
    async nextCheckinAt(pairingId) {
      const { rows } = await sql.query<{ due_at: Date }>(
        `SELECT due_at FROM checkin_nudges WHERE pairing_id = $1 AND status = 'scheduled'`,
        [pairingId],
      );
      return rows[0]?.due_at ?? null;
    },
    async atRiskPairings(communityId) {
      const { rows } = await sql.query<PairingRow>(
        `SELECT * FROM pairings WHERE community_id = $1 AND status = 'active' AND at_risk ORDER BY started_at, id`,
        [communityId],
      );
      return rows.map(pairingFromRow);
    },
    async setAtRisk(pairingId) {
      await sql.query('UPDATE pairings SET at_risk = true WHERE id = $1', [pairingId]);
    },
  };
}
