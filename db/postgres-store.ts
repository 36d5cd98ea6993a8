import { readSettings } from '../src/domain/community-settings';
import type { BotMessage, Reply } from '../src/domain/message';
import type { PendingMessage, Store, StoreTx } from '../src/ports/store';
import type { SqlClient, SqlDatabase } from './sql-client';
import { communityQueries } from './store/community-queries';
import { nudgeFromRow, type NudgeRow } from './store/rows';
import { forgetQuery } from './store/forget-query';
import { knownSkillsQuery } from './store/known-skills-query';
import { memberQueries } from './store/member-queries';
import { pairingQueries } from './store/pairing-queries';
import { nudgeQueries } from './store/nudge-queries';
import { roundQueries } from './store/round-queries';
import { statsQuery } from './store/stats-query';

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

function storeTx(sql: SqlClient): StoreTx {
  return {
    ...communityQueries(sql),
    ...memberQueries(sql),
    ...pairingQueries(sql),
    ...statsQuery(sql),
    ...roundQueries(sql),
    ...nudgeQueries(sql),
    ...forgetQuery(sql),
  };
}

/** The store port on Postgres: a real server through `pg`, or the embedded PGlite; same SQL for both. */
export function postgresStore(db: SqlDatabase): Store {
  return {
    transaction: (work) => db.transaction((sql) => work(storeTx(sql))),
    async processedReply(communityId, eventId) {
      const { rows } = await db.query<{ reply: Reply }>(
        'SELECT reply FROM processed_events WHERE community_id = $1 AND event_id = $2',
        [communityId, eventId],
      );
      return rows[0]?.reply ?? null;
    },
    async pendingMessages(limit, now) {
      const { rows } = await db.query<OutboxRow>(
        `SELECT * FROM outbox WHERE failed_at IS NULL AND (not_before IS NULL OR not_before <= $2)
         ORDER BY id LIMIT $1`,
        [limit, now],
      );
      return rows.map(pendingFromRow);
    },
    async queuedMessageTimes(afterId) {
      const { rows } = await db.query<{ id: number; not_before: Date | null }>(
        'SELECT id, not_before FROM outbox WHERE failed_at IS NULL AND id > $1 ORDER BY id',
        [afterId],
      );
      return rows.map((row) => ({ id: row.id, notBefore: row.not_before }));
    },
    async findPendingMessage(id) {
      const { rows } = await db.query<OutboxRow>('SELECT * FROM outbox WHERE id = $1 AND failed_at IS NULL', [id]);
      return rows[0] ? pendingFromRow(rows[0]) : null;
    },
    async markMessageSent(id) {
      // A sent message is not kept: its text may quote a private note, and the chat platform has it now.
      await db.query('DELETE FROM outbox WHERE id = $1', [id]);
    },
    async markMessageFailed(id, reason, permanent, at) {
      await db.query(
        `UPDATE outbox SET attempts = attempts + 1, failure = $2, failed_at = CASE WHEN $3::boolean THEN $4::timestamptz ELSE failed_at END
         WHERE id = $1`,
        [id, reason, permanent, at],
      );
    },
    async scheduledNudges() {
      const { rows } = await db.query<NudgeRow>(`SELECT * FROM checkin_nudges WHERE status = 'scheduled' ORDER BY id`);
      return rows.map(nudgeFromRow);
    },
    async pruneProcessedEvents(before) {
      const { rowCount } = await db.query('DELETE FROM processed_events WHERE processed_at < $1', [before]);
      return rowCount;
    },
    async roundSchedules() {
      const { rows } = await db.query<{ id: string; settings: unknown }>(
        `SELECT id, settings FROM communities WHERE settings->>'roundSchedule' IS NOT NULL ORDER BY id`,
      );
      return rows.flatMap((row) => {
        const settings = readSettings(row.settings);
        return settings.roundSchedule
          ? [{ communityId: row.id, cron: settings.roundSchedule, timezone: settings.timezone }]
          : [];
      });
    },
    knownSkills: (communityId, prefix, limit) => knownSkillsQuery(db, communityId, prefix, limit),
    close: () => db.close(),
  };
}
