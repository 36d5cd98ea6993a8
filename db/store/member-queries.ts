import type { SqlClient } from '../sql-client';
import type { StoreTx } from '../../src/ports/store';
import { memberFromRow, type MemberRow } from './rows';

type MemberQueries = Pick<StoreTx, 'findMember' | 'lockMembers' | 'saveMember' | 'listMembers'>;

export function memberQueries(sql: SqlClient): MemberQueries {
  return {
    async findMember(communityId, personId) {
      const { rows } = await sql.query<MemberRow>('SELECT * FROM members WHERE community_id = $1 AND id = $2', [
        communityId,
        personId,
      ]);
      return rows[0] ? memberFromRow(rows[0]) : null;
    },
    async lockMembers(communityId, personIds) {
      // A stable order, so two transactions locking the same pair of people cannot deadlock.
      const ids = [...new Set(personIds)].sort();
      await sql.query(
        'SELECT id FROM members WHERE community_id = $1 AND id = ANY($2::text[]) ORDER BY id FOR UPDATE',
        [communityId, ids],
      );
    },
    async saveMember(m) {
      await sql.query(
        `INSERT INTO members (community_id, id, display_name, role, skills, goals, timezone, languages, capacity,
           cadence_minutes, experience_years, status, paused_until, priority, joined_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, now())
         ON CONFLICT (community_id, id) DO UPDATE SET display_name = $3, role = $4, skills = $5, goals = $6,
           timezone = $7, languages = $8, capacity = $9, cadence_minutes = $10, experience_years = $11, status = $12,
           paused_until = $13, priority = $14, updated_at = now()`,
        [
          m.communityId,
          m.id,
          m.displayName,
          m.role,
          m.skills,
          m.goals,
          m.timezone,
          m.languages,
          m.capacity,
          m.cadenceMinutes,
          m.experienceYears,
          m.status,
          m.pausedUntil,
          m.priority,
          m.joinedAt,
        ],
      );
    },
    async listMembers(communityId) {
      const { rows } = await sql.query<MemberRow>(
        'SELECT * FROM members WHERE community_id = $1 ORDER BY joined_at, id',
        [communityId],
      );
      return rows.map(memberFromRow);
    },
  };
}
