import { isAvailable, mentees, mentors, type Member } from '../../../domain/member';
import type { PersonId } from '../../../domain/ids';
import type { MatchPool, MatchWeights } from '../../../matching/types';
import type { CommandContext } from '../../command-context';

const MINUTES_PER_DAY = 24 * 60;

export interface PoolSnapshot {
  pool: MatchPool;
  members: Map<PersonId, Member>;
}

/**
 * The matcher's input from the community as it is now: available members with room (mentors below capacity,
 * mentees below the community's pairings-per-mentee), all pairing history, and blocks.
 * `excluded` people are left out entirely.
 */
export async function buildMatchPool(ctx: CommandContext, excluded: PersonId[] = []): Promise<PoolSnapshot> {
  const { tx, community, now } = ctx;
  // One after another: a transaction is one connection, which runs one statement at a time anyway.
  const all = await tx.listMembers(community.id);
  const history = await tx.pairingHistory(community.id);
  const blocked = await tx.listBlocks(community.id);
  const out = new Set(excluded);
  const members = new Map(all.map((m) => [m.id, m]));
  const asMentor = new Map<PersonId, number>();
  const asMentee = new Map<PersonId, number>();
  for (const p of history) {
    if (p.status !== 'active') continue;
    asMentor.set(p.mentorId, (asMentor.get(p.mentorId) ?? 0) + 1);
    asMentee.set(p.menteeId, (asMentee.get(p.menteeId) ?? 0) + 1);
  }
  const eligible = all.filter((m) => isAvailable(m, now) && !out.has(m.id));
  const pool: MatchPool = {
    mentors: eligible
      .filter((m) => mentors(m.role) && m.capacity > (asMentor.get(m.id) ?? 0))
      .map((m) => ({
        id: m.id,
        capacity: m.capacity - (asMentor.get(m.id) ?? 0),
        load: asMentor.get(m.id) ?? 0,
        skills: m.skills,
        languages: m.languages,
        timezone: m.timezone,
        cadenceDays: m.cadenceMinutes / MINUTES_PER_DAY,
        priority: m.priority,
        ...(m.experienceYears !== null && { experienceYears: m.experienceYears }),
      })),
    mentees: eligible
      .filter((m) => mentees(m.role) && (asMentee.get(m.id) ?? 0) < community.settings.menteePairings)
      .map((m) => ({
        id: m.id,
        goals: m.goals,
        languages: m.languages,
        timezone: m.timezone,
        cadenceDays: m.cadenceMinutes / MINUTES_PER_DAY,
        priority: m.priority,
        ...(m.experienceYears !== null && { experienceYears: m.experienceYears }),
      })),
    history: history.map((p) => ({
      mentor: p.mentorId,
      mentee: p.menteeId,
      ...(p.status === 'ended' && p.endedAt && { endedAt: p.endedAt }),
    })),
    blocked,
    repeatWindowDays: community.settings.repeatWindowDays,
    now,
    weights: Object.fromEntries(
      Object.entries(community.settings.weights).filter((entry) => entry[1] !== undefined),
    ) as Partial<MatchWeights>,
  };
  return { pool, members };
}
