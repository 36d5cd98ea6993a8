import { seededRandom } from '../../../bench/generate-pool';
import { solveDenseAssignment } from '../../../src/matching/solve-dense-assignment';
import { bruteForceDense, referenceAssignment } from './brute-force';

function randomMatrix(n: number, range: number, random: () => number, integer = true): number[][] {
  return Array.from({ length: n }, () =>
    Array.from({ length: n }, () => (integer ? Math.floor(random() * range) : random() * range)),
  );
}

function isPermutation(assignment: Int32Array): boolean {
  return new Set(assignment).size === assignment.length && assignment.every((j) => j >= 0 && j < assignment.length);
}

describe('solveDenseAssignment', () => {
  it('equals the brute force on 600 small matrices, ties included', () => {
    const random = seededRandom(11);
    for (let t = 0; t < 600; t++) {
      const n = 1 + (t % 7);
      const cost = randomMatrix(n, [2, 5, 100, 1e6][t % 4]!, random);
      const got = solveDenseAssignment(cost, n);
      expect(isPermutation(got.assignment)).toBe(true);
      expect(got.total).toBe(bruteForceDense(cost));
      expect(got.total).toBe(cost.reduce((sum, row, i) => sum + row[got.assignment[i]!]!, 0));
    }
  });

  it('equals a plain Hungarian reference on medium matrices (integer and fractional costs)', () => {
    const random = seededRandom(12);
    for (const [n, range, integer] of [
      [60, 10, true],
      [120, 1000, true],
      [200, 1e6, true],
      [150, 1, false],
    ] as const) {
      const flat = Float64Array.from(randomMatrix(n, range, random, integer).flat());
      const got = solveDenseAssignment(flat, n);
      expect(isPermutation(got.assignment)).toBe(true);
      if (integer) expect(got.total).toBe(referenceAssignment(flat, n));
      else expect(got.total).toBeCloseTo(referenceAssignment(flat, n), 9);
    }
  });

  it('handles the edges: empty, one by one, negative costs, wrong sizes', () => {
    expect(solveDenseAssignment([], 0)).toEqual({ assignment: new Int32Array(0), total: 0 });
    expect(solveDenseAssignment([[7]], 1).total).toBe(7);
    expect(
      solveDenseAssignment(
        [
          [-1, -5],
          [-3, -2],
        ],
        2,
      ).total,
    ).toBe(-8);
    expect(() => solveDenseAssignment(new Float64Array(3), 2)).toThrow(/expected 4 costs/);
    expect(() => solveDenseAssignment([[1, 2], [3]], 2)).toThrow(/row 1/);
  });
});
