/**
 * Exhaustive references for small instances: every way to give each mentee one mentor with room or none.
 * The objective is the engine's, spelled out: most mentees matched, then the largest total value.
 */
export interface BruteForceResult {
  matched: number;
  total: number;
}

/**
 * score(e, m) is NaN when the pair is forbidden; slotCost(m, k) is what the k-th mentee (0-based) given to
 * mentor m costs (0 for a plain score table, loadSpread × (load + k) in a round).
 */
export function bruteForce(
  mentees: number,
  capacity: readonly number[],
  score: (mentee: number, mentor: number) => number,
  slotCost: (mentor: number, k: number) => number = () => 0,
): BruteForceResult {
  const used = capacity.map(() => 0);
  let best: BruteForceResult = { matched: -1, total: -Infinity };
  const visit = (e: number, matched: number, total: number): void => {
    if (e === mentees) {
      if (matched > best.matched || (matched === best.matched && total > best.total + 1e-12)) best = { matched, total };
      return;
    }
    visit(e + 1, matched, total);
    for (let m = 0; m < capacity.length; m++) {
      const s = score(e, m);
      if (Number.isNaN(s) || used[m]! >= capacity[m]!) continue;
      const cost = slotCost(m, used[m]!);
      used[m]!++;
      visit(e + 1, matched + 1, total + s - cost);
      used[m]!--;
    }
  };
  visit(0, 0, 0);
  return best;
}

/** Minimum-cost perfect assignment of a small square matrix by trying every permutation. */
export function bruteForceDense(cost: number[][]): number {
  const n = cost.length;
  const perm = [...Array(n).keys()];
  let best = Infinity;
  const visit = (k: number, acc: number): void => {
    if (acc >= best) return;
    if (k === n) {
      best = acc;
      return;
    }
    for (let t = k; t < n; t++) {
      [perm[k], perm[t]] = [perm[t]!, perm[k]!];
      visit(k + 1, acc + cost[k]![perm[k]!]!);
      [perm[k], perm[t]] = [perm[t]!, perm[k]!];
    }
  };
  visit(0, 0);
  return best;
}

/**
 * A plain O(n³) Hungarian method (row by row, potentials, dense Dijkstra without any of the JV speed-ups),
 * as an independent reference for medium sizes.
 */
export function referenceAssignment(cost: Float64Array, n: number): number {
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const owner = new Int32Array(n + 1); // column (1-based) → row (1-based), 0 = free
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    owner[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = owner[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost[(i0 - 1) * n + (j - 1)]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[owner[j]!]! += delta;
          v[j]! -= delta;
        } else minv[j]! -= delta;
      }
      j0 = j1;
    } while (owner[j0] !== 0);
    do {
      const j1 = way[j0]!;
      owner[j0] = owner[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  let total = 0;
  for (let j = 1; j <= n; j++) total += cost[(owner[j]! - 1) * n + (j - 1)]!;
  return total;
}
