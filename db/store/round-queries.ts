import type { MentorRequest, Round, RoundDraft } from '../../src/domain/round';
import type { StoreTx } from '../../src/ports/store';
import type { SqlClient } from '../sql-client';
import { pairingFromRow, type PairingRow } from './rows';

type RoundQueries = Pick<
  StoreTx,
  | 'pairingHistory'
  | 'listBlocks'
  | 'setPriority'
  | 'lockDraftRound'
  | 'saveDraftRound'
  | 'closeRound'
  | 'latestRound'
  | 'createRequest'
  | 'lockRequest'
  | 'decideRequest'
  | 'exportPairings'
>;

interface RoundRow {
  id: number;
  community_id: string;
  status: Round['status'];
  draft: RoundDraft;
  created_at: Date;
  decided_at: Date | null;
}

const roundFromRow = (row: RoundRow): Round => ({
  id: row.id,
  communityId: row.community_id,
  status: row.status,
  draft: row.draft,
  createdAt: row.created_at,
  decidedAt: row.decided_at,
});

interface RequestRow {
  id: number;
  mentee_id: string;
  mentor_id: string;
  status: MentorRequest['status'];
  created_at: Date;
}

const requestFromRow = (row: RequestRow): MentorRequest => ({
  id: row.id,
  menteeId: row.mentee_id,
  mentorId: row.mentor_id,
  status: row.status,
  createdAt: row.created_at,
});

export function roundQueries(sql: SqlClient): RoundQueries {
  return {
    async pairingHistory(communityId) {
      const { rows } = await sql.query<PairingRow>('SELECT * FROM pairings WHERE community_id = $1 ORDER BY id', [
        communityId,
      ]);
      return rows.map(pairingFromRow);
    },
    async listBlocks(communityId) {
      const { rows } = await sql.query<{ blocker_id: string; blocked_id: string }>(
        'SELECT blocker_id, blocked_id FROM blocks WHERE community_id = $1 ORDER BY blocker_id, blocked_id',
        [communityId],
      );
      return rows.map((row) => [row.blocker_id, row.blocked_id]);
    },
    async setPriority(communityId, personIds, priority) {
      await sql.query('UPDATE members SET priority = $3 WHERE community_id = $1 AND id = ANY($2::text[])', [
        communityId,
        personIds,
        priority,
      ]);
    },
    async lockDraftRound(communityId) {
      const { rows } = await sql.query<RoundRow>(
        `SELECT * FROM rounds WHERE community_id = $1 AND status = 'draft' FOR UPDATE`,
        [communityId],
      );
      return rows[0] ? roundFromRow(rows[0]) : null;
    },
    async saveDraftRound(communityId, draft, by, at) {
      // Two moderators previewing at once end up with one draft: the later content wins.
      const { rows } = await sql.query<RoundRow>(
        `INSERT INTO rounds (community_id, draft, created_by, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (community_id) WHERE status = 'draft' DO UPDATE SET draft = EXCLUDED.draft
         RETURNING *`,
        [communityId, JSON.stringify(draft), by, at],
      );
      return roundFromRow(rows[0]!);
    },
    async closeRound(roundId, status, by, at) {
      await sql.query(
        `UPDATE rounds SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1 AND status = 'draft'`,
        [roundId, status, by, at],
      );
    },
    async latestRound(communityId) {
      const { rows } = await sql.query<RoundRow>(
        'SELECT * FROM rounds WHERE community_id = $1 ORDER BY id DESC LIMIT 1',
        [communityId],
      );
      return rows[0] ? roundFromRow(rows[0]) : null;
    },
    async createRequest(communityId, menteeId, mentorId, at) {
      const { rows } = await sql.query<RequestRow>(
        `INSERT INTO mentor_requests (community_id, mentee_id, mentor_id, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (community_id, mentee_id, mentor_id) WHERE status = 'pending' DO NOTHING RETURNING *`,
        [communityId, menteeId, mentorId, at],
      );
      return rows[0] ? requestFromRow(rows[0]) : null;
    },
    async lockRequest(communityId, requestId) {
      const { rows } = await sql.query<RequestRow>(
        'SELECT * FROM mentor_requests WHERE community_id = $1 AND id = $2 FOR UPDATE',
        [communityId, requestId],
      );
      return rows[0] ? requestFromRow(rows[0]) : null;
    },
    async decideRequest(requestId, status, at) {
      await sql.query('UPDATE mentor_requests SET status = $2, decided_at = $3 WHERE id = $1', [requestId, status, at]);
    },
    async exportPairings(communityId) {
      const { rows } = await sql.query<
        PairingRow & { check_ins: number; last_check_in: Date | null; goals: number; goals_done: number }
      >(
        `SELECT p.*,
           (SELECT count(*) FROM check_ins c WHERE c.pairing_id = p.id)::int AS check_ins,
           (SELECT max(created_at) FROM check_ins c WHERE c.pairing_id = p.id) AS last_check_in,
           (SELECT count(*) FROM goals g WHERE g.pairing_id = p.id)::int AS goals,
           (SELECT count(done_at) FROM goals g WHERE g.pairing_id = p.id)::int AS goals_done
         FROM pairings p WHERE p.community_id = $1 ORDER BY p.id`,
        [communityId],
      );
      return rows.map((row) => ({
        pairingId: row.id,
        mentorId: row.mentor_id,
        menteeId: row.mentee_id,
        status: row.status,
        source: row.source,
        startedAt: row.started_at,
        endedAt: row.ended_at,
        atRisk: row.at_risk,
        checkIns: row.check_ins,
        lastCheckInAt: row.last_check_in,
        goals: row.goals,
        goalsDone: row.goals_done,
      }));
    },
  };
}
