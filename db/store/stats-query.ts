import type { CommunityStats, StoreTx } from '../../src/ports/store';
import type { SqlClient } from '../sql-client';

/** One round trip for the moderator's dashboard; only aggregates, never notes or feedback text. */
const STATS_SQL = `
WITH m AS (SELECT * FROM members WHERE community_id = $1 AND status <> 'left'),
     p AS (SELECT * FROM pairings WHERE community_id = $1),
     active AS (SELECT * FROM p WHERE status = 'active')
SELECT
  (SELECT count(*) FROM m)::int AS members,
  (SELECT count(*) FROM m WHERE role IN ('mentor', 'both'))::int AS mentors,
  (SELECT count(*) FROM m WHERE role IN ('mentee', 'both'))::int AS mentees,
  (SELECT count(*) FROM m WHERE status = 'paused')::int AS paused,
  (SELECT count(*) FROM active)::int AS active_pairs,
  (SELECT count(*) FROM active WHERE at_risk)::int AS at_risk_pairs,
  (SELECT count(*) FROM p WHERE status = 'ended')::int AS ended_pairs,
  (SELECT count(*) FROM check_ins c JOIN p ON p.id = c.pairing_id
     WHERE c.created_at > $2::timestamptz - interval '30 days')::int AS checkins_30d,
  (SELECT count(*) FROM active a WHERE EXISTS (
     SELECT 1 FROM check_ins c WHERE c.pairing_id = a.id
       AND c.created_at > $2::timestamptz - make_interval(mins => a.cadence_minutes)))::int AS on_track,
  (SELECT avg(f.rating)::float8 FROM feedback f JOIN p ON p.id = f.pairing_id WHERE f.rating IS NOT NULL) AS avg_rating,
  (SELECT count(f.rating) FROM feedback f JOIN p ON p.id = f.pairing_id)::int AS ratings,
  (SELECT count(*) FROM thanks WHERE community_id = $1)::int AS thanks`;

interface StatsRow {
  members: number;
  mentors: number;
  mentees: number;
  paused: number;
  active_pairs: number;
  at_risk_pairs: number;
  ended_pairs: number;
  checkins_30d: number;
  on_track: number;
  avg_rating: number | null;
  ratings: number;
  thanks: number;
}

export function statsQuery(sql: SqlClient): Pick<StoreTx, 'stats'> {
  return {
    async stats(communityId, now): Promise<CommunityStats> {
      const { rows } = await sql.query<StatsRow>(STATS_SQL, [communityId, now]);
      const r = rows[0]!;
      return {
        members: r.members,
        mentors: r.mentors,
        mentees: r.mentees,
        paused: r.paused,
        activePairs: r.active_pairs,
        atRiskPairs: r.at_risk_pairs,
        endedPairs: r.ended_pairs,
        checkInsLast30Days: r.checkins_30d,
        checkInCompletion: r.active_pairs > 0 ? r.on_track / r.active_pairs : null,
        averageRating: r.avg_rating,
        ratings: r.ratings,
        thanks: r.thanks,
      };
    },
  };
}
