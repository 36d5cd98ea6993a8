import { formatMatchOutput } from '../../../src/matching/offline/format-match-output';
import { parseMatchInput } from '../../../src/matching/offline/parse-match-input';
import { runMatchInput } from '../../../src/matching/offline/run-match-input';
import type { MatchResult } from '../../../src/matching/types';

const now = new Date('2025-03-03T10:00:00Z');
const errorOf = (text: string, format: 'json' | 'csv'): string => {
  const parsed = parseMatchInput(text, format);
  if (parsed.ok) throw new Error('expected a parse error');
  expect(parsed.code).toBe('invalid_input');
  return parsed.message;
};

describe('JSON input', () => {
  it('reads profiles with history, blocks, window and weights', () => {
    const parsed = parseMatchInput(
      JSON.stringify({
        mentors: [
          {
            id: 'm1',
            capacity: 2,
            skills: ['pricing'],
            languages: ['en'],
            timezone: 'America/New_York',
            experienceYears: 8,
          },
        ],
        mentees: [
          { id: 'e1', goals: ['pricing'], languages: ['en'], timezone: 'Europe/Berlin', priority: true },
          { id: 'e2' },
        ],
        history: [['m1', 'e1'], ['m1', 'e2', '2024-12-01'], { mentor: 'm9', mentee: 'e2' }],
        blocked: [['m1', 'e2']],
        repeatWindowDays: 30,
        weights: { loadSpread: 0.1 },
      }),
      'json',
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.value.kind !== 'profiles') return;
    expect(parsed.value.pool.history).toEqual([
      { mentor: 'm1', mentee: 'e1' },
      { mentor: 'm1', mentee: 'e2', endedAt: new Date('2024-12-01T00:00:00Z') },
      { mentor: 'm9', mentee: 'e2' },
    ]);
    expect(parsed.value.pool.mentees[1]).toEqual({ id: 'e2', goals: [], languages: [] });
    const result = runMatchInput(parsed.value, now);
    // e1 was paired before (no end date) and e2 is blocked: nobody can be matched.
    expect(result.pairs).toEqual([]);
    expect(result.unmatched.map((u) => u.reason)).toEqual([
      'blocked or already paired with every mentor with room',
      'blocked or already paired with every mentor with room',
    ]);
  });

  it('reads a score table and derives the mentees from it', () => {
    const parsed = parseMatchInput(
      '{"mentors":[{"id":"m1","capacity":2},{"id":"m2"}],"scores":[["m1","e1",0.8],["m2","e2",0.3]]}',
      'json',
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        kind: 'table',
        table: {
          mentors: [
            { id: 'm1', capacity: 2 },
            { id: 'm2', capacity: 1 },
          ],
          menteeIds: ['e1', 'e2'],
          scores: [
            ['m1', 'e1', 0.8],
            ['m2', 'e2', 0.3],
          ],
        },
      },
    });
    if (parsed.ok) expect(runMatchInput(parsed.value, now).totalScore).toBeCloseTo(1.1, 12);
  });

  it('names the field in every kind of error', () => {
    expect(
      errorOf(
        '{"mentors":[{"id":"a","capacity":1},{"id":"b","capacity":1},{"id":"c","capacity":"two"}],"mentees":[]}',
        'json',
      ),
    ).toBe('mentors[2].capacity must be a whole number from 0 to 100');
    expect(errorOf('{"mentors":[{"id":"a"}],"mentees":[]}', 'json')).toBe('mentors[0].capacity is required');
    expect(errorOf('{"mentors":[{"id":"a","capacity":101}],"mentees":[]}', 'json')).toBe(
      'mentors[0].capacity must be a whole number from 0 to 100',
    );
    expect(errorOf('{"mentors":[],"mentees":[{"id":"e","timezone":"Mars/Olympus"}]}', 'json')).toBe(
      'mentees[0].timezone "Mars/Olympus" is not a known time zone (use an IANA name such as Europe/Berlin)',
    );
    expect(errorOf('{"mentors":[],"mentees":[{"id":"e"},{"id":"e"}]}', 'json')).toBe('mentees[1].id "e" is used twice');
    expect(errorOf('{"mentors":[],"mentees":[{"id":"e","gaols":[]}]}', 'json')).toBe(
      'mentees[0].gaols is not a known field',
    );
    expect(errorOf('{"mentors":[],"mentees":[{"id":"e","goals":"pricing"}]}', 'json')).toBe(
      'mentees[0].goals must be a list of text',
    );
    expect(errorOf('{"mentors":[],"mentees":[],"history":[["m","e","last year"]]}', 'json')).toBe(
      'history[0] end date "last year" is not a date (use YYYY-MM-DD)',
    );
    expect(errorOf('{"mentors":[{"id":"m"}],"scores":[["m","e",0.5],["x","e",1]]}', 'json')).toBe(
      'scores[1] names mentor "x", who is not in mentors',
    );
    expect(errorOf('{"mentors":[{"id":"m"}],"scores":[["m","e",0.5],["m","e",1]]}', 'json')).toBe(
      'scores[1] lists m with e a second time',
    );
    expect(errorOf('{"mentors":[', 'json')).toMatch(/^not valid JSON: /);
    expect(errorOf('[]', 'json')).toBe('the file must hold one JSON object with "mentors" and "mentees" (or "scores")');
  });
});

describe('CSV input', () => {
  it('reads one row per person, "both" included, lists separated by ";"', () => {
    const parsed = parseMatchInput(
      [
        'id,role,capacity,skills,goals,languages,timezone,experience_years,cadence_days',
        'm1,Mentor,2,pricing;finding clients,,en; es,America/New_York,8,14',
        '',
        '"e1",mentee,,,pricing,en,Europe/Berlin,1.5,7',
        'p1,both,,design,taxes,en,,,',
      ].join('\n'),
      'csv',
    );
    expect(parsed.ok && parsed.value.kind === 'profiles' && parsed.value.pool).toEqual({
      mentors: [
        {
          id: 'm1',
          capacity: 2,
          skills: ['pricing', 'finding clients'],
          languages: ['en', 'es'],
          timezone: 'America/New_York',
          experienceYears: 8,
          cadenceDays: 14,
        },
        { id: 'p1', capacity: 1, skills: ['design'], languages: ['en'] },
      ],
      mentees: [
        {
          id: 'e1',
          goals: ['pricing'],
          languages: ['en'],
          timezone: 'Europe/Berlin',
          experienceYears: 1.5,
          cadenceDays: 7,
        },
        { id: 'p1', goals: ['taxes'], languages: ['en'] },
      ],
      history: [],
      blocked: [],
      repeatWindowDays: 0,
    });
  });

  it('reads a score table with capacities defaulting to 1', () => {
    const parsed = parseMatchInput('mentor,mentee,score,capacity\nm1,e1,0.9,2\nm1,e2,0.8,\nm2,e2,0.1,\n', 'csv');
    expect(parsed.ok && parsed.value.kind === 'table' && parsed.value.table).toEqual({
      mentors: [
        { id: 'm1', capacity: 2 },
        { id: 'm2', capacity: 1 },
      ],
      menteeIds: ['e1', 'e2'],
      scores: [
        ['m1', 'e1', 0.9],
        ['m1', 'e2', 0.8],
        ['m2', 'e2', 0.1],
      ],
    });
  });

  it('names the line and the column in every kind of error', () => {
    expect(errorOf('id,role,capacity\nm1,mentor,1\nm2,mentor,2\nm3,mentor,two\n', 'csv')).toBe(
      'line 4: capacity "two" is not a whole number',
    );
    expect(errorOf('id,role,capacity\nm1,mentor,500\n', 'csv')).toBe('line 2: capacity 500 is not between 0 and 100');
    expect(errorOf('id,role,timezone\ne1,mentee,Mars/Base\n', 'csv')).toBe(
      'line 2: timezone "Mars/Base" is not a known time zone (use an IANA name such as Europe/Berlin)',
    );
    expect(errorOf('id,role\ne1,mentee\ne1,mentor\n', 'csv')).toBe('line 3: id "e1" is used twice (first on line 2)');
    expect(errorOf('id,role\ne1,boss\n', 'csv')).toBe('line 2: role "boss" must be mentor, mentee or both');
    expect(errorOf('id,role,experience_years\ne1,mentee,lots\n', 'csv')).toBe(
      'line 2: experience_years "lots" is not a number',
    );
    expect(errorOf('id,role,skils\n', 'csv')).toMatch(/^line 1: unknown column "skils"/);
    expect(errorOf('id,role\ne1,mentee,extra\n', 'csv')).toBe('line 2: 3 values for 2 columns');
    expect(errorOf('name,kind\n', 'csv')).toMatch(/^line 1: the header must/);
    expect(errorOf('mentor,mentee,score\nm1,e1,high\n', 'csv')).toBe('line 2: score "high" is not a number');
    expect(errorOf('mentor,mentee,score\nm1,e1,1\nm1,e1,2\n', 'csv')).toBe(
      'line 3: m1 and e1 are listed twice (first on line 2)',
    );
    expect(errorOf('mentor,mentee,score,capacity\nm1,e1,1,2\nm1,e2,1,3\n', 'csv')).toBe(
      'line 3: capacity 3 for m1 contradicts 2 on line 2',
    );
    expect(errorOf('id,role\n"unclosed,mentee\n', 'csv')).toMatch(/^line \d+: /);
    expect(errorOf('', 'csv')).toBe('the file is empty');
  });
});

describe('output', () => {
  const result: MatchResult = {
    pairs: [
      { mentor: 'm1', mentee: 'e1', score: 0.123456, reasons: ['shares its 1 goal: pricing', 'both speak en, es'] },
    ],
    unmatched: [{ id: 'e2', reason: 'no mentor shares a language' }],
    totalScore: 0.123456,
    proof: { optimal: true, method: 'x', prunedEdgesChecked: 0, resolves: 0 },
  };

  it('writes JSON with scores rounded to 4 decimals', () => {
    expect(JSON.parse(formatMatchOutput(result, 'json'))).toEqual({
      pairs: [
        { mentor: 'm1', mentee: 'e1', score: 0.1235, reasons: ['shares its 1 goal: pricing', 'both speak en, es'] },
      ],
      unmatched: [{ id: 'e2', reason: 'no mentor shares a language' }],
      totalScore: 0.1235,
    });
  });

  it('writes CSV: pairs, then unmatched mentees with an empty mentor', () => {
    expect(formatMatchOutput(result, 'csv')).toBe(
      'mentor,mentee,score,reasons\nm1,e1,0.1235,"shares its 1 goal: pricing; both speak en, es"\n,e2,,no mentor shares a language\n',
    );
  });
});
