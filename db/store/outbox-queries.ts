import type { BotMessage } from '../../src/domain/message';
import type { PendingMessage, Store } from '../../src/ports/store';
import type { SqlClient } from '../sql-client';

interface OutboxRow {
  id: number;
  community_id: string;
  recipient_id: string;
  message: BotMessage;
  attempts: number;
}

const pendingFromRow = (row: OutboxRow): PendingMessage => ({
  id: row.id,
  communityId: row.community_id,
  recipientId: row.recipient_id,
  message: row.message,
  attempts: row.attempts,
});

type OutboxQueries = Pick<
  Store,
  'claimMessages' | 'releaseMessages' | 'markMessagesSent' | 'markMessageFailed' | 'nextMessageAt'
>;

/** The outbox as a queue: senders claim due rows in batches, so several workers never take the same one. */
export function outboxQueries(sql: SqlClient): OutboxQueries {
  return {
    async claimMessages(limit, now, claimUntil) {
      // SKIP LOCKED: a worker claiming at the same moment takes the next rows instead of waiting for these.
      const { rows } = await sql.query<OutboxRow>(
        `UPDATE outbox SET claimed_until = $3 WHERE id IN (
           SELECT id FROM outbox
           WHERE failed_at IS NULL AND (not_before IS NULL OR not_before <= $2)
             AND (claimed_until IS NULL OR claimed_until <= $2)
           ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING id, community_id, recipient_id, message, attempts`,
        [limit, now, claimUntil],
      );
      return rows.map(pendingFromRow).sort((a, b) => a.id - b.id);
    },
    async releaseMessages(ids) {
      if (ids.length === 0) return;
      await sql.query('UPDATE outbox SET claimed_until = NULL WHERE id = ANY($1::int[])', [ids]);
    },
    async markMessagesSent(ids) {
      if (ids.length === 0) return;
      // A sent message is not kept: its text may quote a private note, and the chat platform has it now.
      await sql.query('DELETE FROM outbox WHERE id = ANY($1::int[])', [ids]);
    },
    async markMessageFailed(id, reason, failure) {
      await sql.query(
        `UPDATE outbox SET attempts = attempts + 1, failure = $2, claimed_until = NULL,
           failed_at = CASE WHEN $3::boolean THEN $4::timestamptz ELSE failed_at END,
           not_before = CASE WHEN $3::boolean THEN not_before ELSE $5::timestamptz END
         WHERE id = $1`,
        [id, reason, failure.permanent, failure.at, failure.permanent ? null : failure.retryAt],
      );
    },
    async nextMessageAt(after) {
      const { rows } = await sql.query<{ next: Date | null }>(
        `SELECT min(greatest(not_before, claimed_until)) AS next FROM outbox
         WHERE failed_at IS NULL AND greatest(not_before, claimed_until) > $1`,
        [after],
      );
      return rows[0]?.next ?? null;
    },
  };
}
