import type { SqlClient } from '../sql-client';
import type { StoreTx } from '../../src/ports/store';
import { goalFromRow, pairingFromRow, pairingToNudgeFromRow, type PairingRow, type PairingToNudgeRow } from './rows';

type PairingQueries = Pick<
  StoreTx,
  | 'findPairing'
  | 'findPairingsToNudge'
  | 'activePairingsOf'
  | 'pairingsBetween'
  | 'createPairing'
  | 'endPairing'
  | 'addCheckIn'
  | 'lastCheckInAt'
  | 'addGoal'
  | 'completeGoal'
  | 'listGoals'
  | 'addFeedback'
>;

export function pairingQueries(sql: SqlClient): PairingQueries {
  return {
    async findPairing(communityId, pairingId) {
      const { rows } = await sql.query<PairingRow>('SELECT * FROM pairings WHERE community_id = $1 AND id = $2', [
        communityId,
        pairingId,
      ]);
      return rows[0] ? pairingFromRow(rows[0]) : null;
    },
    async findPairingsToNudge(communityId, pairingIds) {
      if (pairingIds.length === 0) return [];
      // LIMIT 1 keeps each member lookup one index probe per pairing: joined plainly, a batch of a thousand
      // pairings makes the planner hash a scan of every member of a large community instead.
      const { rows } = await sql.query<PairingToNudgeRow>(
        `SELECT p.*, mentor.timezone AS mentor_timezone, mentor.status AS mentor_status,
           mentor.paused_until AS mentor_paused_until, mentee.timezone AS mentee_timezone,
           mentee.status AS mentee_status, mentee.paused_until AS mentee_paused_until
         FROM pairings p
         LEFT JOIN LATERAL (SELECT timezone, status, paused_until FROM members
           WHERE community_id = p.community_id AND id = p.mentor_id LIMIT 1) mentor ON true
         LEFT JOIN LATERAL (SELECT timezone, status, paused_until FROM members
           WHERE community_id = p.community_id AND id = p.mentee_id LIMIT 1) mentee ON true
         WHERE p.community_id = $1 AND p.id = ANY($2::int[])`,
        [communityId, pairingIds],
      );
      return rows.map(pairingToNudgeFromRow);
    },
    async activePairingsOf(communityId, personId) {
      const { rows } = await sql.query<PairingRow>(
        `SELECT * FROM pairings WHERE community_id = $1 AND status = 'active' AND (mentor_id = $2 OR mentee_id = $2)
         ORDER BY started_at, id`,
        [communityId, personId],
      );
      return rows.map(pairingFromRow);
    },
    async pairingsBetween(communityId, mentorId, menteeId) {
      const { rows } = await sql.query<PairingRow>(
        'SELECT * FROM pairings WHERE community_id = $1 AND mentor_id = $2 AND mentee_id = $3 ORDER BY started_at, id',
        [communityId, mentorId, menteeId],
      );
      return rows.map(pairingFromRow);
    },
    async createPairing(p) {
      const { rows } = await sql.query<PairingRow>(
        `INSERT INTO pairings (community_id, mentor_id, mentee_id, source, cadence_minutes, started_at, round_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [p.communityId, p.mentorId, p.menteeId, p.source, p.cadenceMinutes, p.startedAt, p.roundId ?? null],
      );
      return pairingFromRow(rows[0]!);
    },
    async endPairing(pairingId, endedBy, reason, at) {
      await sql.query(
        `UPDATE pairings SET status = 'ended', ended_at = $2, ended_by = $3, end_reason = $4
         WHERE id = $1 AND status = 'active'`,
        [pairingId, at, endedBy, reason],
      );
      // An ended pairing is nudged no more; its timer, if still set, finds nothing to do.
      await sql.query(`UPDATE checkin_nudges SET status = 'cancelled' WHERE pairing_id = $1 AND status = 'scheduled'`, [
        pairingId,
      ]);
    },
    async addCheckIn(pairingId, loggedBy, note, at) {
      await sql.query('INSERT INTO check_ins (pairing_id, logged_by, note, created_at) VALUES ($1, $2, $3, $4)', [
        pairingId,
        loggedBy,
        note,
        at,
      ]);
    },
    async lastCheckInAt(pairingId) {
      const { rows } = await sql.query<{ at: Date | null }>(
        'SELECT max(created_at) AS at FROM check_ins WHERE pairing_id = $1',
        [pairingId],
      );
      return rows[0]?.at ?? null;
    },
    async addGoal(pairingId, text, createdBy, at) {
      const { rows } = await sql.query<{ number: number; text: string; done_at: Date | null }>(
        `INSERT INTO goals (pairing_id, number, text, created_by, created_at)
         VALUES ($1, (SELECT coalesce(max(number), 0) + 1 FROM goals WHERE pairing_id = $1), $2, $3, $4)
         RETURNING number, text, done_at`,
        [pairingId, text, createdBy, at],
      );
      return goalFromRow(rows[0]!);
    },
    async completeGoal(pairingId, number, at) {
      const { rowCount } = await sql.query(
        'UPDATE goals SET done_at = $3 WHERE pairing_id = $1 AND number = $2 AND done_at IS NULL',
        [pairingId, number, at],
      );
      if (rowCount > 0) return 'done';
      const { rows } = await sql.query('SELECT 1 FROM goals WHERE pairing_id = $1 AND number = $2', [
        pairingId,
        number,
      ]);
      return rows.length > 0 ? 'already' : 'missing';
    },
    async listGoals(pairingId) {
      const { rows } = await sql.query<{ number: number; text: string; done_at: Date | null }>(
        'SELECT number, text, done_at FROM goals WHERE pairing_id = $1 ORDER BY number',
        [pairingId],
      );
      return rows.map(goalFromRow);
    },
    async addFeedback(pairingId, from, rating, text, at) {
      const { rowCount } = await sql.query(
        `INSERT INTO feedback (pairing_id, from_id, rating, text, created_at)
         SELECT $1, $2, $3, $4, $5 WHERE NOT EXISTS (SELECT 1 FROM feedback WHERE pairing_id = $1 AND from_id = $2)`,
        [pairingId, from, rating, text, at],
      );
      return rowCount > 0;
    },
  };
}
