import { seededRandom } from '../../../bench/generate-pool';
import type { MatchMentee, MatchMentor, MatchPool } from '../../../src/matching/types';

const SKILLS = ['pricing', 'Taxes', 'contracts ', 'design', 'sales'];
const LANGS = ['en', 'es', 'fr'];
const ZONES = [undefined, 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Sydney', 'Not/AZone'];

/**
 * Tiny random rounds that exercise every rule: 'both' members, blocks, old and recent history, empty
 * language lists, full mentors, unknown zones, ties, priority and odd weights.
 */
export function smallPool(seed: number): MatchPool {
  const random = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const some = <T>(xs: readonly T[], p: number): T[] => xs.filter(() => random() < p);
  const maybe = <T>(value: T, p = 0.7): T | undefined => (random() < p ? value : undefined);
  const now = new Date('2025-06-15T12:00:00Z');
  const day = 86_400_000;
  const mentors: MatchMentor[] = Array.from({ length: Math.floor(random() * 5) }, (_, j) => {
    const m: MatchMentor = {
      id: `m${j}`,
      capacity: Math.floor(random() * 3),
      skills: some(SKILLS, 0.5),
      languages: some(LANGS, 0.5),
    };
    const tz = pick(ZONES);
    if (tz !== undefined) m.timezone = tz;
    const exp = maybe(Math.floor(random() * 12));
    if (exp !== undefined) m.experienceYears = exp;
    const cad = maybe(pick([7, 14, 30]));
    if (cad !== undefined) m.cadenceDays = cad;
    if (random() < 0.3) m.load = Math.floor(random() * 3);
    if (random() < 0.15) m.priority = true;
    return m;
  });
  const mentees: MatchMentee[] = Array.from({ length: Math.floor(random() * 7) }, (_, i) => {
    // Now and then a 'both' member: same id as a mentor.
    const id = mentors.length > 0 && random() < 0.15 ? pick(mentors).id : `e${i}`;
    const e: MatchMentee = {
      id,
      goals: some(
        SKILLS.map((s) => s.toUpperCase()),
        0.4,
      ),
      languages: some(LANGS, 0.5),
    };
    const tz = pick(ZONES);
    if (tz !== undefined) e.timezone = tz;
    const exp = maybe(Math.floor(random() * 6));
    if (exp !== undefined) e.experienceYears = exp;
    const cad = maybe(pick([7, 14, 30]));
    if (cad !== undefined) e.cadenceDays = cad;
    if (random() < 0.2) e.priority = true;
    return e;
  });
  const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
  const history =
    mentors.length > 0 && mentees.length > 0
      ? Array.from({ length: Math.floor(random() * 4) }, () => {
          const entry = { mentor: pick(ids(mentors)), mentee: pick(ids(mentees)) };
          return random() < 0.6
            ? { ...entry, endedAt: new Date(now.getTime() - Math.floor(random() * 60) * day) }
            : entry;
        })
      : [];
  const blocked: [string, string][] =
    mentors.length > 0 && mentees.length > 0
      ? Array.from({ length: Math.floor(random() * 3) }, () =>
          random() < 0.5 ? [pick(ids(mentors)), pick(ids(mentees))] : [pick(ids(mentees)), pick(ids(mentors))],
        )
      : [];
  const pool: MatchPool = { mentors, mentees, history, blocked, repeatWindowDays: pick([0, 30]), now };
  if (random() < 0.3)
    pool.weights = { loadSpread: pick([0, 0.05, 0.3]), priority: pick([0, 0.2, 1]), cadence: pick([0, 0.05]) };
  return pool;
}
