import type { MatchMentee, MatchMentor, MatchPool } from '../src/matching/types';

/**
 * Realistic, reproducible pairing rounds for the benchmark and the large tests: a seeded PRNG, skills with
 * Zipf-like popularity (a few skills everyone offers and asks for, a long tail of rare ones), a handful of
 * languages with English dominant (each person speaks 1–3), ~15 time zones weighted towards the Americas
 * and Europe, and some history and blocks.
 */
export interface GeneratePoolOptions {
  mentees: number;
  mentors: number;
  capacity: number;
  seed: number;
  skills?: number;
  languages?: number;
  now?: Date;
}

const SKILL_NAMES = [
  'pricing',
  'finding clients',
  'contracts',
  'taxes',
  'portfolio',
  'negotiation',
  'invoicing',
  'time management',
  'marketing',
  'networking',
  'web design',
  'copywriting',
  'seo',
  'bookkeeping',
  'public speaking',
  'upwork',
  'fiverr',
  'linkedin',
  'cold email',
  'proposals',
  'scope creep',
  'retainers',
  'burnout',
  'health insurance',
  'delivery apps',
  'ride share',
  'shift swaps',
  'photography',
  'video editing',
  'translation',
  'ux research',
  'data analysis',
  'python',
  'react',
  'wordpress',
  'shopify',
  'illustration',
  'voice over',
  'tutoring',
  'legal basics',
];
const LANGUAGES = ['en', 'es', 'pt', 'fr', 'de', 'hi', 'ar', 'zh'];
const ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'America/Mexico_City',
  'America/Bogota',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Madrid',
  'Africa/Lagos',
  'Asia/Kolkata',
  'Asia/Manila',
  'Asia/Tokyo',
  'Australia/Sydney',
];

/** mulberry32: tiny, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function zipfSampler(n: number, random: () => number, exponent = 1): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 1; k <= n; k++) cumulative.push((total += 1 / k ** exponent));
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function distinct(count: number, draw: () => number, names: readonly string[]): string[] {
  const picked = new Set<number>();
  for (let tries = 0; picked.size < count && tries < count * 20; tries++) picked.add(draw());
  return [...picked].map((k) => names[k % names.length]!);
}

export function generatePool(options: GeneratePoolOptions): MatchPool {
  const random = seededRandom(options.seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const skillNames = Array.from({ length: options.skills ?? 40 }, (_, k) => SKILL_NAMES[k] ?? `skill ${k + 1}`);
  const languages = LANGUAGES.slice(0, options.languages ?? 6);
  const skill = zipfSampler(skillNames.length, random, 0.9);
  const language = zipfSampler(languages.length, random, 1.6);
  const zone = zipfSampler(ZONES.length, random, 0.6);
  const cadences = [7, 14, 14, 30];

  const mentors: MatchMentor[] = Array.from({ length: options.mentors }, (_, j) => ({
    id: `m${j + 1}`,
    capacity: options.capacity,
    skills: distinct(int(3, 8), skill, skillNames),
    languages: distinct(int(1, 3), language, languages),
    timezone: ZONES[zone()]!,
    experienceYears: int(3, 20),
    cadenceDays: cadences[int(0, 3)]!,
    ...(random() < 0.02 ? { priority: true } : {}),
  }));
  const mentees: MatchMentee[] = Array.from({ length: options.mentees }, (_, i) => ({
    id: `e${i + 1}`,
    goals: distinct(int(1, 4), skill, skillNames),
    languages: distinct(int(1, 3), language, languages),
    timezone: ZONES[zone()]!,
    experienceYears: int(0, 5),
    cadenceDays: cadences[int(0, 3)]!,
    ...(random() < 0.04 ? { priority: true } : {}),
  }));
  const now = options.now ?? new Date('2025-03-03T10:00:00Z');
  const day = 24 * 3600 * 1000;
  const history = Array.from({ length: Math.floor(options.mentees / 5) }, () => ({
    mentor: `m${int(1, options.mentors)}`,
    mentee: `e${int(1, options.mentees)}`,
    ...(random() < 0.8 ? { endedAt: new Date(now.getTime() - int(1, 400) * day) } : {}),
  }));
  const blocked = Array.from({ length: Math.floor(options.mentees / 50) }, (): [string, string] => [
    `e${int(1, options.mentees)}`,
    `m${int(1, options.mentors)}`,
  ]);
  return { mentors, mentees, history, blocked, repeatWindowDays: 180, now };
}
