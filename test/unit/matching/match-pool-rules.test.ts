import { generatePool } from '../../../bench/generate-pool';
import { isRecentPairing } from '../../../src/matching/hard-rules';
import { matchPool } from '../../../src/matching/match-pool';
import { normalizeTags } from '../../../src/matching/normalize-tag';
import { suggestMentors } from '../../../src/matching/suggest-mentors';
import type { MatchMentee, MatchMentor, MatchPool } from '../../../src/matching/types';

const now = new Date('2025-03-03T10:00:00Z');
const base = { history: [], blocked: [], repeatWindowDays: 0, now };
const mentor = (id: string, extra: Partial<MatchMentor> = {}): MatchMentor => ({
  id,
  capacity: 1,
  skills: ['pricing'],
  languages: ['en'],
  ...extra,
});
const mentee = (id: string, extra: Partial<MatchMentee> = {}): MatchMentee => ({
  id,
  goals: ['pricing'],
  languages: ['en'],
  ...extra,
});

describe('matchPool on a realistic round of 2,000 mentees', () => {
  const pool = generatePool({ mentees: 2000, mentors: 667, capacity: 3, seed: 42 });
  const result = matchPool(pool);

  it('keeps every hard rule and every capacity', () => {
    const mentors = new Map(pool.mentors.map((m) => [m.id, m]));
    const mentees = new Map(pool.mentees.map((e) => [e.id, e]));
    const blocked = new Set(pool.blocked.flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]));
    const recent = new Set(
      pool.history
        .filter((h) => isRecentPairing(h, pool.now, pool.repeatWindowDays))
        .flatMap((h) => [`${h.mentor}|${h.mentee}`, `${h.mentee}|${h.mentor}`]),
    );
    const load = new Map<string, number>();
    for (const p of result.pairs) {
      const m = mentors.get(p.mentor)!;
      const e = mentees.get(p.mentee)!;
      expect(p.mentor).not.toBe(p.mentee);
      expect(blocked.has(`${p.mentor}|${p.mentee}`)).toBe(false);
      expect(recent.has(`${p.mentor}|${p.mentee}`)).toBe(false);
      const theirs = new Set(normalizeTags(m.languages));
      expect(normalizeTags(e.languages).some((l) => theirs.has(l))).toBe(true);
      load.set(p.mentor, (load.get(p.mentor) ?? 0) + 1);
    }
    for (const [id, n] of load) expect(n).toBeLessThanOrEqual(mentors.get(id)!.capacity);
    expect(new Set(result.pairs.map((p) => p.mentee)).size).toBe(result.pairs.length);
  });

  it('explains every pair and every mentee left out', () => {
    expect(result.pairs.length + result.unmatched.length).toBe(pool.mentees.length);
    for (const p of result.pairs) expect(p.reasons.length).toBeGreaterThanOrEqual(1);
    for (const u of result.unmatched) expect(u.reason).toMatch(/\w/);
    expect(result.proof.optimal).toBe(true);
  });

  it('is deterministic: the same input gives the same output', () => {
    expect(matchPool(generatePool({ mentees: 2000, mentors: 667, capacity: 3, seed: 42 }))).toEqual(result);
  });
});

describe('reasons for mentees left out', () => {
  it('names the first rule that empties their list', () => {
    const pool: MatchPool = {
      ...base,
      mentors: [
        mentor('m-es', { languages: ['es'] }),
        mentor('m-full', { capacity: 0 }),
        mentor('m-blocked'),
        mentor('m-old'),
      ],
      mentees: [mentee('fr', { languages: ['fr'] }), mentee('en-a'), mentee('en-b'), mentee('en-c')],
      blocked: [['en-a', 'm-blocked']],
      history: [{ mentor: 'm-old', mentee: 'en-a' }],
    };
    // en-b and en-c compete for m-blocked and m-old; en-a may use neither.
    const result = matchPool(pool);
    expect(Object.fromEntries(result.unmatched.map((u) => [u.id, u.reason]))).toEqual({
      fr: 'no mentor shares a language',
      'en-a': 'blocked or already paired with every mentor with room',
    });
    expect(
      matchPool({ ...base, mentors: [mentor('m', { capacity: 0 })], mentees: [mentee('e')] }).unmatched[0]!.reason,
    ).toBe('every compatible mentor is full');
    expect(matchPool({ ...base, mentors: [], mentees: [mentee('e')] }).unmatched[0]!.reason).toBe(
      'no mentors signed up',
    );
    expect(
      matchPool({ ...base, mentors: [mentor('m')], mentees: [mentee('e1'), mentee('e2', { goals: [] })] }).unmatched,
    ).toEqual([
      { id: 'e2', reason: 'every compatible mentor was given to someone who fit better; you go first next round' },
    ]);
  });
});

describe('pairs and their reasons', () => {
  it('speaks plain words: shared goals, working hours, language, experience, priority, load', () => {
    const result = matchPool({
      ...base,
      mentors: [
        mentor('m1', {
          capacity: 2,
          load: 1,
          skills: ['Pricing', ' finding   clients'],
          languages: ['en', 'ES'],
          timezone: 'America/New_York',
          experienceYears: 9,
          cadenceDays: 14,
        }),
      ],
      mentees: [
        mentee('e1', {
          goals: ['pricing', 'finding clients', 'contracts'],
          languages: ['es'],
          timezone: 'Europe/Madrid',
          experienceYears: 1,
          cadenceDays: 14,
          priority: true,
        }),
      ],
    });
    expect(result.pairs[0]!.reasons).toEqual([
      'was left unmatched last round (priority)',
      'shares 2 of 3 goals: pricing, finding clients',
      '6 h of shared working hours',
      'mentor has 8 more years of experience',
      "mentor's 2nd mentee (−0.05 to spread load)",
    ]);
  });

  it('spreads load: a second mentee goes to an idle mentor unless the fit is clearly better', () => {
    const pool: MatchPool = {
      ...base,
      mentors: [mentor('busy', { capacity: 3 }), mentor('idle', { capacity: 3 })],
      mentees: [mentee('a'), mentee('b')],
    };
    expect(
      matchPool(pool)
        .pairs.map((p) => p.mentor)
        .sort(),
    ).toEqual(['busy', 'idle']);
  });

  it('keeps forced pairs even against the rules, on the mentor’s first slots', () => {
    const result = matchPool({
      ...base,
      mentors: [mentor('m', { capacity: 1 })],
      mentees: [mentee('e1'), mentee('e2', { languages: ['fr'] })],
      forced: [{ mentor: 'm', mentee: 'e2' }],
    });
    expect(result.pairs.map((p) => [p.mentor, p.mentee, p.reasons[0]])).toEqual([['m', 'e2', 'paired by a moderator']]);
    expect(result.unmatched.map((u) => u.id)).toEqual(['e1']);
  });
});

describe('suggestMentors', () => {
  it('ranks allowed mentors with room by their score as the next mentee, with reasons', () => {
    const pool: MatchPool = {
      ...base,
      mentors: [
        mentor('far', { timezone: 'Asia/Tokyo' }),
        mentor('near', { timezone: 'Europe/Paris' }),
        mentor('full', { capacity: 0 }),
        mentor('blocked'),
        mentor('busy', { timezone: 'Europe/Paris', load: 2, capacity: 5 }),
      ],
      mentees: [mentee('me', { timezone: 'Europe/Berlin' })],
      blocked: [['me', 'blocked']],
    };
    const got = suggestMentors(pool, 'me', 3);
    expect(got.ok && got.value.map((s) => s.mentor)).toEqual(['near', 'busy', 'far']);
    expect(got.ok && got.value[1]!.reasons.at(-1)).toBe("mentor's 3rd mentee (−0.1 to spread load)");
    expect(suggestMentors(pool, 'nobody', 3)).toMatchObject({ ok: false, code: 'unknown_mentee' });
  });
});
