import fc from 'fast-check';
import { matchScoreTable, type ScoreTable } from '../../../src/matching/match-score-table';
import { bruteForce } from './brute-force';

/** Small random tables: up to 7 mentees, 4 mentors with capacity 0–2, sparse, sometimes negative scores. */
const tables = fc
  .record({
    mentees: fc.integer({ min: 0, max: 7 }),
    capacities: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 0, maxLength: 4 }),
    density: fc.double({ min: 0.2, max: 1, noNaN: true }),
    seedScores: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 28, maxLength: 28 }),
    coins: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 28, maxLength: 28 }),
    coarse: fc.boolean(),
  })
  .map(({ mentees, capacities, density, seedScores, coins, coarse }): ScoreTable => {
    const scores: [string, string, number][] = [];
    for (let e = 0; e < mentees; e++) {
      for (let m = 0; m < capacities.length; m++) {
        const k = e * 4 + m;
        // Coarse scores (tenths) make many exact ties, the hard case for tie handling.
        if (coins[k]! < density)
          scores.push([`m${m}`, `e${e}`, coarse ? Math.round(seedScores[k]! * 10) / 10 : seedScores[k]!]);
      }
    }
    return {
      mentors: capacities.map((capacity, m) => ({ id: `m${m}`, capacity })),
      menteeIds: Array.from({ length: mentees }, (_, e) => `e${e}`),
      scores,
    };
  });

function reference(table: ScoreTable) {
  const lookup = new Map(table.scores.map(([m, e, s]) => [`${m}|${e}`, s]));
  return bruteForce(
    table.menteeIds.length,
    table.mentors.map((m) => m.capacity),
    (e, m) => lookup.get(`m${m}|e${e}`) ?? NaN,
  );
}

describe('matchScoreTable', () => {
  it('matches as many mentees as the brute force, then reaches the same total, on hundreds of random tables', () => {
    fc.assert(
      fc.property(tables, (table) => {
        const result = matchScoreTable(table);
        const best = reference(table);
        expect(result.pairs.length).toBe(best.matched);
        expect(result.totalScore).toBeCloseTo(best.total, 6);
        expect(result.pairs.length + result.unmatched.length).toBe(table.menteeIds.length);
      }),
      { numRuns: 400, seed: 20250301 },
    );
  });

  it('respects capacities, only uses listed pairs, and explains every pair and every unmatched mentee', () => {
    fc.assert(
      fc.property(tables, (table) => {
        const result = matchScoreTable(table);
        const listed = new Map(table.scores.map(([m, e, s]) => [`${m}|${e}`, s]));
        const load = new Map<string, number>();
        for (const p of result.pairs) {
          expect(listed.get(`${p.mentor}|${p.mentee}`)).toBe(p.score);
          load.set(p.mentor, (load.get(p.mentor) ?? 0) + 1);
          expect(p.reasons).toEqual([expect.stringMatching(/^score -?[\d.]+ from the table$/)]);
        }
        for (const m of table.mentors) expect(load.get(m.id) ?? 0).toBeLessThanOrEqual(m.capacity);
        for (const u of result.unmatched) expect(u.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('prefers one more match over a higher total, and says why someone is left out', () => {
    const result = matchScoreTable({
      mentors: [
        { id: 'a', capacity: 1 },
        { id: 'b', capacity: 1 },
        { id: 'full', capacity: 0 },
      ],
      menteeIds: ['x', 'y', 'z', 'w', 'v'],
      scores: [
        ['a', 'x', 10],
        ['a', 'y', 1],
        ['b', 'y', -5],
        ['b', 'z', 0.5],
        ['full', 'w', 3],
      ],
    });
    // Giving b to y (−5) instead of z (0.5) would lose nothing in count; x–a and y–b and z unmatched vs
    // x–a, z–b, y unmatched: both match two, the second scores more.
    expect(result.pairs.map((p) => `${p.mentor}-${p.mentee}`)).toEqual(['a-x', 'b-z']);
    expect(result.totalScore).toBe(10.5);
    expect(result.unmatched).toEqual([
      { id: 'y', reason: 'every compatible mentor was given to someone who fit better; you go first next round' },
      { id: 'w', reason: 'every mentor listed for you is full' },
      { id: 'v', reason: 'no score listed with any mentor' },
    ]);
    expect(result.proof.optimal).toBe(true);
  });

  it('throws on ids that are not in the table (the parser checks them first)', () => {
    expect(() => matchScoreTable({ mentors: [], menteeIds: ['e'], scores: [['ghost', 'e', 1]] })).toThrow(
      /unknown mentor/,
    );
  });
});
