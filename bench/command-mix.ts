import { seededRandom } from './generate-pool';

/** One `/mentor` command as a person types it. */
export interface Slash {
  userId: string;
  text: string;
}

const SKILLS = ['pricing', 'contracts', 'finding clients', 'taxes', 'portfolio', 'negotiation', 'marketing', 'design'];
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'America/Sao_Paulo', 'Europe/London', 'UTC'];
const NOTES = ['talked about rates', 'reviewed a proposal', 'short call, all good', 'planned next month'];

/** Slack-looking user ids: `UB00042`. */
const userId = (prefix: string, i: number) => `${prefix}${String(i).padStart(5, '0')}`;
const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;

/**
 * The people of a benchmark community: 30% mentors (capacity 2), the rest mentees; the first mentors are
 * paired with one mentee each by a moderator, so check-ins and goals have a pairing to work on.
 */
export interface Population {
  moderator: string;
  mentors: string[];
  mentees: string[];
  pairs: [mentor: string, mentee: string][];
  signups: Slash[];
  pairings: Slash[];
}

export function population(users: number): Population {
  const random = seededRandom(7);
  const mentorCount = Math.max(1, Math.round(users * 0.3));
  const mentors = Array.from({ length: mentorCount }, (_, i) => userId('UM', i));
  const mentees = Array.from({ length: users - mentorCount }, (_, i) => userId('UE', i));
  const skills = () => [pick(SKILLS, random), pick(SKILLS, random)].filter((s, i, all) => all.indexOf(s) === i);
  const signups = [
    ...mentors.map((id) => ({
      userId: id,
      text: `join mentor skills: ${skills().join(', ')} tz: ${pick(ZONES, random)} languages: en capacity: 2 experience: ${2 + Math.floor(random() * 15)} cadence: weekly`,
    })),
    ...mentees.map((id) => ({
      userId: id,
      text: `join mentee goals: ${skills().join(', ')} tz: ${pick(ZONES, random)} languages: en`,
    })),
  ];
  const pairs = mentors
    .slice(0, Math.min(mentors.length, Math.floor(mentees.length / 2)))
    .map((m, i): [string, string] => [m, mentees[i]!]);
  const pairings = pairs.map(([m, e]) => ({ userId: 'UMOD', text: `pair <@${m}> <@${e}>` }));
  return { moderator: 'UMOD', mentors, mentees, pairs, signups, pairings };
}

/**
 * The steady-state mix, by weight: mostly reads (help, profile, home, goals), check-ins and goals from paired
 * people, profile edits, suggestions for unpaired mentees, stats by the moderator, and a trickle of new
 * sign-ups. Deterministic for a seed, so both apps get the same sequence of commands.
 */
export function commandMix(pop: Population, seed: number): () => Slash {
  const random = seededRandom(seed);
  const paired = pop.pairs.flat();
  const unpairedMentees = pop.mentees.slice(pop.pairs.length);
  const everyone = [...pop.mentors, ...pop.mentees];
  let newcomers = 0;
  const kinds: [weight: number, make: () => Slash][] = [
    [15, () => ({ userId: pick(everyone, random), text: 'help' })],
    [18, () => ({ userId: pick(everyone, random), text: 'profile' })],
    [10, () => ({ userId: pick(everyone, random), text: `profile <@${pick(everyone, random)}>` })],
    [8, () => ({ userId: pick(paired, random), text: 'home' })],
    [10, () => ({ userId: pick(paired, random), text: 'goals' })],
    [4, () => ({ userId: pick(paired, random), text: `goal add ${pick(NOTES, random)}` })],
    [8, () => ({ userId: pick(paired, random), text: `checkin ${pick(NOTES, random)}` })],
    [
      8,
      () => ({
        userId: pick(pop.mentors, random),
        text: `edit skills: ${pick(SKILLS, random)}, ${pick(SKILLS, random)}`,
      }),
    ],
    [4, () => ({ userId: pick(unpairedMentees.length ? unpairedMentees : pop.mentees, random), text: 'suggest' })],
    [5, () => ({ userId: pop.moderator, text: 'stats' })],
    [
      5,
      () => ({
        userId: userId('UN', newcomers++ + seed * 100_000),
        text: `join mentee goals: ${pick(SKILLS, random)} tz: ${pick(ZONES, random)} languages: en`,
      }),
    ],
    [5, () => ({ userId: pick(everyone, random), text: 'jion' })],
  ];
  const total = kinds.reduce((sum, [w]) => sum + w, 0);
  return () => {
    let r = random() * total;
    for (const [weight, make] of kinds) if ((r -= weight) < 0) return make();
    return kinds[0]![1]();
  };
}
