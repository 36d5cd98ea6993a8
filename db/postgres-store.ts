import { readSettings } from '../src/domain/community-settings';
import type { Reply } from '../src/domain/message';
import type { Store, StoreTx } from '../src/ports/store';
import type { SqlClient, SqlDatabase } from './sql-client';
import { communityQueries } from './store/community-queries';
import { nudgeFromRow, type NudgeRow } from './store/rows';
import { forgetQuery } from './store/forget-query';
import { knownSkillsQuery } from './store/known-skills-query';
import { memberQueries } from './store/member-queries';
import { pairingQueries } from './store/pairing-queries';
import { nudgeQueries } from './store/nudge-queries';
import { outboxQueries } from './store/outbox-queries';
import { roundQueries } from './store/round-queries';
import { pairingTotalsQuery } from './store/pairing-totals-query';
import { statsQuery } from './store/stats-query';

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
    ...outboxQueries(db),
    async processedReply(communityId, eventId) {
      const { rows } = await db.query<{ reply: Reply }>(
        'SELECT reply FROM processed_events WHERE community_id = $1 AND event_id = $2',
        [communityId, eventId],
      );
      return rows[0]?.reply ?? null;
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
    pairingTotals: () => pairingTotalsQuery(db),
    knownSkills: (communityId, prefix, limit) => knownSkillsQuery(db, communityId, prefix, limit),
    close: () => db.close(),
  };
}
