import type { StoreTx } from '../../src/ports/store';
import type { SqlClient } from '../sql-client';

/** Columns that name a person others' history still needs: the id becomes the anonymous one. */
const ID_COLUMNS = [
  ['pairings', 'mentor_id'],
  ['pairings', 'mentee_id'],
  ['pairings', 'ended_by'],
  ['processed_events', 'actor_id'],
  ['audit_log', 'actor_id'],
  ['rounds', 'created_by'],
  ['rounds', 'decided_by'],
  ['checkin_nudges', 'answered_by'],
] as const;

/**
 * JSON columns that may hold a person's id, as a whole JSON string ("slack:T1:U2", which becomes the anonymous
 * id) or as a mention token in text (<@slack:T1:U2>, which becomes "a former member"). Replacing exactly those
 * two forms never touches an id that merely starts the same way.
 */
const JSON_COLUMNS = [
  ['audit_log', 'details'],
  ['rounds', 'draft'],
  ['processed_events', 'reply'],
  ['outbox', 'message'],
] as const;

/**
 * `forget-me`: the person's profile, notes, feedback, goals they wrote, thanks they received, blocks and queued
 * messages are deleted. Pairings stay in the other side's history (match history and the other side's own
 * notes), with the person's id replaced by an anonymous one that cannot be traced back.
 */
export function forgetQuery(sql: SqlClient): Pick<StoreTx, 'forgetPerson'> {
  return {
    async forgetPerson(communityId, personId, anonymousId, currentEventId) {
      const member = await sql.query('DELETE FROM members WHERE community_id = $1 AND id = $2', [
        communityId,
        personId,
      ]);
      const mine = `SELECT id FROM pairings WHERE community_id = $1 AND (mentor_id = $2 OR mentee_id = $2)`;
      const notes = await sql.query(`DELETE FROM check_ins WHERE logged_by = $2 AND pairing_id IN (${mine})`, [
        communityId,
        personId,
      ]);
      await sql.query(`DELETE FROM feedback WHERE from_id = $2 AND pairing_id IN (${mine})`, [communityId, personId]);
      await sql.query(`DELETE FROM goals WHERE created_by = $2 AND pairing_id IN (${mine})`, [communityId, personId]);
      await sql.query('DELETE FROM thanks WHERE community_id = $1 AND to_id = $2', [communityId, personId]);
      // Thanks they gave still count for the mentor, but no longer say who or what.
      await sql.query(`UPDATE thanks SET from_id = $3, message = '' WHERE community_id = $1 AND from_id = $2`, [
        communityId,
        personId,
        anonymousId,
      ]);
      await sql.query('DELETE FROM blocks WHERE community_id = $1 AND (blocker_id = $2 OR blocked_id = $2)', [
        communityId,
        personId,
      ]);
      await sql.query('DELETE FROM outbox WHERE community_id = $1 AND recipient_id = $2', [communityId, personId]);
      await sql.query('DELETE FROM processed_events WHERE community_id = $1 AND actor_id = $2 AND event_id <> $3', [
        communityId,
        personId,
        currentEventId,
      ]);
      for (const [table, column] of ID_COLUMNS) {
        await sql.query(`UPDATE ${table} SET ${column} = $3 WHERE community_id = $1 AND ${column} = $2`, [
          communityId,
          personId,
          anonymousId,
        ]);
      }
      const pairings = await sql.query(
        'SELECT 1 FROM pairings WHERE community_id = $1 AND (mentor_id = $2 OR mentee_id = $2)',
        [communityId, anonymousId],
      );
      await sql.query('DELETE FROM mentor_requests WHERE community_id = $1 AND (mentee_id = $2 OR mentor_id = $2)', [
        communityId,
        personId,
      ]);
      // Audit details, a draft round, replies and undelivered messages to others may name them: keep the
      // text, swap the id.
      for (const [table, column] of JSON_COLUMNS) {
        await sql.query(
          `UPDATE ${table} SET ${column} = replace(replace(${column}::text, '"' || $2 || '"', '"' || $3 || '"'),
             '<@' || $2 || '>', 'a former member')::jsonb
           WHERE community_id = $1 AND strpos(${column}::text, $2) > 0`,
          [communityId, personId, anonymousId],
        );
      }
      return {
        profileDeleted: member.rowCount > 0,
        pairingsAnonymised: pairings.rows.length,
        notesDeleted: notes.rowCount,
      };
    },
  };
}
