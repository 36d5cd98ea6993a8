import type { SqlDatabase } from '../sql-client';

/**
 * Distinct skills and goals (case-insensitively) of the community's current members starting with `prefix`,
 * most common first; each in the spelling most people used.
 */
export async function knownSkillsQuery(
  db: SqlDatabase,
  communityId: string,
  prefix: string,
  limit: number,
): Promise<string[]> {
  const { rows } = await db.query<{ skill: string }>(
    `SELECT mode() WITHIN GROUP (ORDER BY s) AS skill
       FROM members, unnest(skills || goals) AS s
      WHERE community_id = $1 AND status <> 'left' AND starts_with(lower(s), lower($2))
      GROUP BY lower(s)
      ORDER BY count(*) DESC, lower(s)
      LIMIT $3`,
    [communityId, prefix, limit],
  );
  return rows.map((row) => row.skill);
}
