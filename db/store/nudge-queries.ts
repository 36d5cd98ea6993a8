import type { StoreTx } from '../../src/ports/store';
import type { SqlClient } from '../sql-client';
import { nudgeFromRow, pairingFromRow, type NudgeRow, type PairingRow } from './rows';

type NudgeQueries = Pick<
  StoreTx,
  | 'setNextNudge'
  | 'setNextNudges'
  | 'lockNudge'
  | 'lockNudges'
  | 'lockDueNudges'
  | 'markNudge'
  | 'markNudges'
  | 'openNudge'
  | 'openNudges'
  | 'addMissedCheckin'
  | 'addMissedCheckins'
  | 'clearMissedCheckins'
  | 'setAtRisk'
  | 'nextCheckinAt'
  | 'atRiskPairings'
>;

export function nudgeQueries(sql: SqlClient): NudgeQueries {
  // Timer batches deliver hundreds of nudges per transaction, so each step is one set-based statement.
  async function setNextNudges(communityId: string, next: { pairingId: number; dueAt: Date }[]) {
    if (next.length === 0) return [];
    const { rows } = await sql.query<NudgeRow>(
      `INSERT INTO checkin_nudges (pairing_id, community_id, due_at)
       SELECT p, $1, d FROM unnest($2::int[], $3::timestamptz[]) AS t(p, d)
       ON CONFLICT (pairing_id) WHERE status = 'scheduled'
       DO UPDATE SET due_at = EXCLUDED.due_at, generation = checkin_nudges.generation + 1
       RETURNING *`,
      [communityId, next.map((n) => n.pairingId), next.map((n) => n.dueAt.toISOString())],
    );
    return rows.map(nudgeFromRow);
  }
  async function openNudges(pairingIds: number[]) {
    if (pairingIds.length === 0) return [];
    const { rows } = await sql.query<NudgeRow>(
      `SELECT DISTINCT ON (pairing_id) * FROM checkin_nudges WHERE pairing_id = ANY($1::int[]) AND status = 'sent'
       ORDER BY pairing_id, id DESC`,
      [pairingIds],
    );
    return rows.map(nudgeFromRow);
  }
  async function addMissedCheckins(pairingIds: number[]) {
    if (pairingIds.length === 0) return new Map<number, number>();
    const { rows } = await sql.query<{ id: number; missed_checkins: number }>(
      'UPDATE pairings SET missed_checkins = missed_checkins + 1 WHERE id = ANY($1::int[]) RETURNING id, missed_checkins',
      [pairingIds],
    );
    return new Map(rows.map((row) => [row.id, row.missed_checkins]));
  }
  return {
    setNextNudges,
    async setNextNudge(communityId, pairingId, dueAt) {
      const [nudge] = await setNextNudges(communityId, [{ pairingId, dueAt }]);
      return nudge!;
    },
    async lockNudge(nudgeId) {
      const { rows } = await sql.query<NudgeRow>('SELECT * FROM checkin_nudges WHERE id = $1 FOR UPDATE', [nudgeId]);
      return rows[0] ? nudgeFromRow(rows[0]) : null;
    },
    async lockNudges(communityId, nudgeIds) {
      if (nudgeIds.length === 0) return [];
      const { rows } = await sql.query<NudgeRow>(
        'SELECT * FROM checkin_nudges WHERE community_id = $1 AND id = ANY($2::int[]) ORDER BY id FOR UPDATE',
        [communityId, nudgeIds],
      );
      return rows.map(nudgeFromRow);
    },
    async lockDueNudges(communityId, now, limit) {
      const { rows } = await sql.query<NudgeRow>(
        `SELECT * FROM checkin_nudges WHERE community_id = $1 AND status = 'scheduled' AND due_at <= $2
         ORDER BY due_at, id LIMIT $3 FOR UPDATE SKIP LOCKED`,
        [communityId, now, limit],
      );
      return rows.map(nudgeFromRow);
    },
    async markNudges(nudgeIds, status, at) {
      if (nudgeIds.length === 0) return;
      await sql.query(
        `UPDATE checkin_nudges SET status = $2,
           sent_at = CASE WHEN $2 = 'sent' THEN $3::timestamptz ELSE sent_at END,
           answered_at = CASE WHEN $2 = 'sent' THEN answered_at ELSE $3::timestamptz END
         WHERE id = ANY($1::int[])`,
        [nudgeIds, status, at],
      );
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
    openNudges,
    async openNudge(pairingId) {
      const [open] = await openNudges([pairingId]);
      return open ?? null;
    },
    addMissedCheckins,
    async addMissedCheckin(pairingId) {
      return (await addMissedCheckins([pairingId])).get(pairingId) ?? 0;
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
