import { readSettings, type Community } from '../../src/domain/community-settings';
import type { Reply } from '../../src/domain/message';
import type { OutgoingMessage, PendingMessage, StoreTx } from '../../src/ports/store';
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

interface CommunityRow {
  id: string;
  name: string;
  settings: unknown;
}

const community = (row: CommunityRow): Community => ({
  id: row.id,
  name: row.name,
  settings: readSettings(row.settings),
});

export function communityQueries(sql: SqlClient): CommunityQueries {
  async function queueMessages(
    communityId: string,
    messages: OutgoingMessage[],
    at: Date,
    claimUntil?: Date,
  ): Promise<PendingMessage[]> {
    if (messages.length === 0) return [];
    // Only a message that may go now is claimed; one waiting for working hours is the queue's.
    const claimed = (m: OutgoingMessage) => !!claimUntil && !(m.notBefore && m.notBefore > at);
    // One JSON document rather than arrays of JSON texts: a batch's thousand messages are serialised and
    // parsed once.
    const { rows } = await sql.query<{ id: number }>(
      `INSERT INTO outbox (community_id, recipient_id, message, created_at, not_before, claimed_until)
       SELECT $1, t.recipient, t.message, $3, t.not_before, t.claimed_until
       FROM jsonb_to_recordset($2::jsonb)
         AS t(recipient text, message jsonb, not_before timestamptz, claimed_until timestamptz)
       RETURNING id`,
      [
        communityId,
        JSON.stringify(
          messages.map((m) => ({
            recipient: m.to,
            message: m.message,
            not_before: m.notBefore,
            claimed_until: claimed(m) ? claimUntil : null,
          })),
        ),
        at,
      ],
    );
    // Rows are inserted in the order given and take their ids from the sequence as they go, so the ids in
    // ascending order line up with `messages`; the claimed ones are known without reading them back.
    const ids = rows.map((row) => row.id).sort((a, b) => a - b);
    return messages.flatMap((m, i) =>
      claimed(m) ? [{ id: ids[i]!, communityId, recipientId: m.to, message: m.message, attempts: 0 }] : [],
    );
  }

  async function ensureCommunity(communityId: string, name: string): Promise<Community> {
    // The usual case (known community, same name) is one read. The insert and the conditional update take no
    // row lock when nothing changes, so commands do not queue behind each other.
    const read = async () =>
      (await sql.query<CommunityRow>('SELECT id, name, settings FROM communities WHERE id = $1', [communityId]))
        .rows[0];
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
    return community(row);
  }

  return {
    async claimEvent(communityId, eventId, actorId, communityName) {
      // A concurrent duplicate waits on the key until the first transaction ends, then finds it taken. The
      // community is read in the same statement (it need not exist yet: processed_events has no foreign key).
      const { rows } = await sql.query<{ claimed: boolean } & Partial<CommunityRow>>(
        `WITH claim AS (
           INSERT INTO processed_events (community_id, event_id, actor_id, reply) VALUES ($1, $2, $3, '{}'::jsonb)
           ON CONFLICT DO NOTHING RETURNING 1
         )
         SELECT EXISTS (SELECT 1 FROM claim) AS claimed, c.id, c.name, c.settings
         FROM (VALUES (1)) AS one LEFT JOIN communities c ON c.id = $1`,
        [communityId, eventId, actorId],
      );
      const row = rows[0]!;
      if (!row.claimed) return null;
      if (!row.id || (communityName && row.name !== communityName)) return ensureCommunity(communityId, communityName);
      return community(row as CommunityRow);
    },
    async saveEventReply(communityId, eventId, reply: Reply) {
      await sql.query('UPDATE processed_events SET reply = $3 WHERE community_id = $1 AND event_id = $2', [
        communityId,
        eventId,
        JSON.stringify(reply),
      ]);
    },
    ensureCommunity,
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
