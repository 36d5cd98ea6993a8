import { matchPool } from '../../../src/matching/match-pool';
import { buildScoringModel } from '../../../src/matching/scoring-model';
import type { MatchPool } from '../../../src/matching/types';
import { bruteForce } from './brute-force';
import { smallPool } from './small-pools';

function optimum(pool: MatchPool) {
  const model = buildScoringModel(pool);
  return bruteForce(
    pool.mentees.length,
    Array.from(model.capacity),
    (e, m) => model.allowedScore(e, m),
    (m, k) => model.weights.loadSpread * (model.load[m]! + k),
  );
}

describe('matchPool against a brute force', () => {
  it('matches as many mentees and reaches the same total (score minus load spreading) on 500 random rounds', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const pool = smallPool(seed);
      const best = optimum(pool);
      const result = matchPool(pool);
      expect({ seed, matched: result.pairs.length }).toEqual({ seed, matched: best.matched });
      expect(result.totalScore).toBeCloseTo(best.total, 6);
    }
  });

  it('stays optimal when pruning keeps a single candidate per mentee: the proof adds what is missing', () => {
    let resolved = 0;
    for (let seed = 1001; seed <= 1300; seed++) {
      const pool = smallPool(seed);
      const best = optimum(pool);
      const result = matchPool(pool, { candidatesPerMentee: 1, candidatesPerMentor: 0 });
      expect({ seed, matched: result.pairs.length }).toEqual({ seed, matched: best.matched });
      expect(result.totalScore).toBeCloseTo(best.total, 6);
      expect(result.proof.optimal).toBe(true);
      resolved += result.proof.resolves;
    }
    expect(resolved).toBeGreaterThan(0);
  });

  it('gives each mentor its cheapest slots in order: the reported scores add up to the total', () => {
    for (let seed = 2001; seed <= 2100; seed++) {
      const result = matchPool(smallPool(seed));
      expect(result.pairs.reduce((sum, p) => sum + p.score, 0)).toBeCloseTo(result.totalScore, 9);
    }
  });
});

describe('the pruning proof', () => {
  // e1 and e2 both rank m1 first; with one candidate each, e2's fallback m2 is outside the graph. The unique
  // optimum gives m1 to e1 (only m1 offers what e1 wants) and m2 to e2.
  const pool: MatchPool = {
    mentors: [
      { id: 'm1', capacity: 1, skills: ['pricing', 'taxes'], languages: ['en'] },
      { id: 'm2', capacity: 1, skills: ['taxes'], languages: ['en'] },
    ],
    mentees: [
      { id: 'e1', goals: ['pricing'], languages: ['en'] },
      { id: 'e2', goals: ['pricing', 'taxes'], languages: ['en'] },
    ],
    history: [],
    blocked: [],
    repeatWindowDays: 0,
    now: new Date('2025-01-01T00:00:00Z'),
  };

  it('finds the better pair outside the top K, re-solves, and ends where the unpruned solve ends', () => {
    const pruned = matchPool(pool, { candidatesPerMentee: 1, candidatesPerMentor: 0 });
    const full = matchPool(pool, { candidatesPerMentee: Infinity });
    expect(pruned.proof.resolves).toBeGreaterThanOrEqual(1);
    expect(pruned.proof.prunedEdgesChecked).toBeGreaterThan(0);
    expect(pruned.pairs).toHaveLength(2);
    expect(pruned.totalScore).toBeCloseTo(full.totalScore, 12);
    expect(pruned.pairs.map((p) => [p.mentor, p.mentee])).toEqual([
      ['m1', 'e1'],
      ['m2', 'e2'],
    ]);
    expect(full.pairs.map((p) => [p.mentor, p.mentee])).toEqual(pruned.pairs.map((p) => [p.mentor, p.mentee]));
    expect(full.proof).toMatchObject({ optimal: true, prunedEdgesChecked: 0, resolves: 0 });
  });
});
