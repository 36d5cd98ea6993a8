import { readSettings } from '../../src/domain/community-settings';
import type { Reply } from '../../src/domain/message';
import type { OutgoingMessage, PendingMessage, StoreTx } from '../../src/ports/store';
import { pendingFromRow, type OutboxRow } from './outbox-queries';
import type { SqlClient } from '../sql-client';

type CommunityQueries = Pick<
  StoreTx,
  | 'claimEvent'
  | 'saveEventReply'
  | 'ensureCommunity'
  | 'saveSettings'
  | 'addThanks'
  | 'countThanksReceived'
  | 'addBlock'
  | 'isBlockedEitherWay'
  | 'audit'
  | 'queueMessage'
  | 'queueMessages'
>;

export function communityQueries(sql: SqlClient): CommunityQueries {
  async function queueMessages(
    communityId: string,
    messages: OutgoingMessage[],
    at: Date,
    claimUntil?: Date,
  ): Promise<PendingMessage[]> {
    if (messages.length === 0) return [];
    // Only a message that may go now is claimed; one waiting for working hours is left for the queue.
    const { rows } = await sql.query<OutboxRow>(
      `WITH queued AS (
         INSERT INTO outbox (community_id, recipient_id, message, created_at, not_before, claimed_until)
         SELECT $1, r, m, $4, n, CASE WHEN n IS NULL OR n <= $4 THEN $6::timestamptz END
         FROM unnest($2::text[], $3::jsonb[], $5::timestamptz[]) AS t(r, m, n)
         RETURNING id, community_id, recipient_id, message, attempts, claimed_until)
       SELECT id, community_id, recipient_id, message, attempts FROM queued WHERE claimed_until IS NOT NULL
       ORDER BY id`,
      [
        communityId,
        messages.map((m) => m.to),
        messages.map((m) => JSON.stringify(m.message)),
        at,
        messages.map((m) => m.notBefore?.toISOString() ?? null),
        claimUntil ?? null,
      ],
    );
    return rows.map(pendingFromRow);
  }
  return {
    async claimEvent(communityId, eventId, actorId) {
      // A concurrent duplicate waits here on the key until the first transaction ends, then finds it taken.
      const { rowCount } = await sql.query(
        `INSERT INTO processed_events (community_id, event_id, actor_id, reply) VALUES ($1, $2, $3, '{}'::jsonb)
         ON CONFLICT DO NOTHING`,
        [communityId, eventId, actorId],
      );
      return rowCount > 0;
    },
    async saveEventReply(communityId, eventId, reply: Reply) {
      await sql.query('UPDATE processed_events SET reply = $3 WHERE community_id = $1 AND event_id = $2', [
        communityId,
        eventId,
        JSON.stringify(reply),
      ]);
    },
    async ensureCommunity(communityId, name) {
      // Every command starts here, so the usual case (known community, same name) is one read. The insert and
      // the conditional update take no row lock when nothing changes, so commands do not queue behind each other.
      const read = async () =>
        (
          await sql.query<{ id: string; name: string; settings: unknown }>(
            'SELECT id, name, settings FROM communities WHERE id = $1',
            [communityId],
          )
        ).rows[0];
      let row = await read();
      if (!row) {
        await sql.query('INSERT INTO communities (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [
          communityId,
          name,
        ]);
        row = (await read())!;
      }
      if (name && row.name !== name) {
        await sql.query('UPDATE communities SET name = $2 WHERE id = $1 AND name <> $2', [communityId, name]);
        row = { ...row, name };
      }
      return { id: row.id, name: row.name, settings: readSettings(row.settings) };
    },
    async saveSettings(communityId, settings) {
      await sql.query('UPDATE communities SET settings = $2 WHERE id = $1', [communityId, JSON.stringify(settings)]);
    },
    async addThanks(communityId, from, to, message, at) {
      await sql.query(
        'INSERT INTO thanks (community_id, from_id, to_id, message, created_at) VALUES ($1, $2, $3, $4, $5)',
        [communityId, from, to, message, at],
      );
    },
    async countThanksReceived(communityId, personId) {
      const { rows } = await sql.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM thanks WHERE community_id = $1 AND to_id = $2',
        [communityId, personId],
      );
      return rows[0]?.n ?? 0;
    },
    async addBlock(communityId, blocker, blocked, at) {
      await sql.query(
        'INSERT INTO blocks (community_id, blocker_id, blocked_id, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [communityId, blocker, blocked, at],
      );
    },
    async isBlockedEitherWay(communityId, a, b) {
      const { rows } = await sql.query(
        `SELECT 1 FROM blocks WHERE community_id = $1
         AND ((blocker_id = $2 AND blocked_id = $3) OR (blocker_id = $3 AND blocked_id = $2))`,
        [communityId, a, b],
      );
      return rows.length > 0;
    },
    async audit(communityId, actor, action, details, at) {
      await sql.query(
        'INSERT INTO audit_log (community_id, actor_id, action, details, created_at) VALUES ($1, $2, $3, $4, $5)',
        [communityId, actor, action, JSON.stringify(details), at],
      );
    },
    queueMessages,
    async queueMessage(communityId, to, message, at, notBefore) {
      await queueMessages(communityId, [{ to, message, notBefore }], at);
    },
  };
}
