import type { AssignmentInput } from './solve-assignment';
import type { Candidates } from './select-candidates';
import type { SlotState } from './slot-state';

/** A pruned pair whose reduced cost is negative: [row, group, score]. */
export type Violation = [number, number, number];

export interface PruningProof {
  /** Pruned allowed pairs whose reduced cost is negative; empty means the solution is optimal for all pairs. */
  check(state: SlotState, reopened: readonly number[]): Violation[];
  /** Allowed pairs currently outside the graph. */
  dropped(): number;
  /** Pairs scored again one by one, over all checks so far. */
  readonly rescored: number;
}

/**
 * The optimality proof for the pairs left out of the graph, from the solver's dual certificate. A dropped pair
 * (row i, group g) could improve the optimum only if its reduced cost is negative:
 *     score(i, g) > price[g] + earns[i]
 * with price[g] = the cheapest slot of g in reduced terms (penalty − dual, ≥ 0) and earns[i] = −big − dual(i).
 *
 * Full check of a row: its dropped scores are at most its K-th kept score, so only groups priced below
 * (that bound − earns) can hold a violation; with the groups sorted by price that is a prefix, found by binary
 * search, and often empty. A non-empty prefix is scored again (one dense row when it is long).
 *
 * Later checks are incremental. Between checks augmenting paths only raise prices and lower the earnings of
 * the rows they pass through; repairs lower a few prices. A row certified last time whose earnings did not
 * fall is still certified against every group whose price did not fall, so it is only checked against the
 * few groups that got cheaper.
 */
export function createPruningProof(
  input: AssignmentInput,
  cand: Candidates,
  extraGroups: readonly (readonly number[])[],
  toInt: (s: number) => number,
): PruningProof {
  const { rows, groups, capacity } = input;
  const lastEarns = new Float64Array(rows);
  const lastPrice = new Float64Array(groups);
  const mark = new Int32Array(groups).fill(-1);
  const buffer = new Float64Array(groups);
  let first = true;
  let rescored = 0;
  // Integer upper bound of each score level (+2 absorbs rounding in lo + q × step).
  const levels = cand.levels;
  const levelTop = new Float64Array(256);
  if (levels !== undefined) {
    for (let q = 1; q < 256; q++)
      levelTop[q] = toInt(q === 255 ? levels.hi : Math.min(levels.hi, levels.lo + q * levels.step)) + 2;
  }
  const droppedOf = (r: number): number =>
    cand.allowed[r]! - (cand.start[r + 1]! - cand.start[r]!) - extraGroups[r]!.length;

  const check = (state: SlotState, reopened: readonly number[]): Violation[] => {
    const { v, rowSlot, rowCost } = state;
    const { slotStart, penalty, big } = state.graph;
    const price = new Float64Array(groups).fill(Infinity);
    const order: number[] = [];
    for (let g = 0; g < groups; g++) {
      if (capacity[g]! <= 0) continue;
      for (let s = slotStart[g]!, end = state.slotEnd(g); s < end; s++)
        price[g] = Math.min(price[g]!, penalty[s]! - v[s]!);
      order.push(g);
    }
    order.sort((a, b) => price[a]! - price[b]! || a - b);
    const sortedPrice = Float64Array.from(order, (g) => price[g]!);
    const earns = new Float64Array(rows);
    for (let r = 0; r < rows; r++) earns[r] = -big - (rowSlot[r]! >= 0 ? rowCost[r]! - v[rowSlot[r]!]! : 0);
    const cheaper = first ? [] : order.filter((g) => price[g]! < lastPrice[g]!);
    const incremental = !first && cheaper.length * 8 <= groups;
    const dirty = new Uint8Array(rows);
    for (const r of reopened) dirty[r] = 1;
    const violations: Violation[] = [];
    const flag = (r: number, g: number, s: number): void => {
      if (s !== s) return;
      rescored++;
      if (toInt(s) > price[g]! + earns[r]!) violations.push([r, g, s]);
    };
    // With the one-byte table: forbidden pairs and pairs whose level bound is below the bar cost no scoring.
    const flagLevel = (r: number, g: number): void => {
      const q = levels!.data[r * groups + g]!;
      if (q !== 0 && levelTop[q]! > price[g]! + earns[r]!) flag(r, g, input.scoreOne(r, g));
    };
    const markGraph = (r: number): void => {
      for (let e = cand.start[r]!; e < cand.start[r + 1]!; e++) mark[cand.groups[e]!] = r;
      for (const g of extraGroups[r]!) mark[g] = r;
    };

    for (let r = 0; r < rows; r++) {
      if (droppedOf(r) <= 0) continue;
      if (incremental && dirty[r] === 0 && earns[r]! >= lastEarns[r]!) {
        if (cheaper.length === 0) continue;
        markGraph(r);
        for (const g of cheaper) {
          if (mark[g] === r) continue;
          if (levels !== undefined) flagLevel(r, g);
          else flag(r, g, input.scoreOne(r, g));
        }
        continue;
      }
      const limit = toInt(cand.droppedBound[r]!) - earns[r]!;
      let lo = 0;
      let hi = sortedPrice.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sortedPrice[mid]! < limit) lo = mid + 1;
        else hi = mid;
      }
      if (lo === 0) continue;
      markGraph(r);
      if (levels !== undefined) {
        for (let t = 0; t < lo; t++) if (mark[order[t]!] !== r) flagLevel(r, order[t]!);
        continue;
      }
      const dense = lo * 8 > groups;
      if (dense) input.fillRow(r, buffer);
      for (let t = 0; t < lo; t++) {
        const g = order[t]!;
        if (mark[g] !== r) flag(r, g, dense ? buffer[g]! : input.scoreOne(r, g));
      }
    }
    lastEarns.set(earns);
    lastPrice.set(price);
    first = false;
    return violations;
  };

  return {
    check,
    dropped: () => {
      let total = 0;
      for (let r = 0; r < rows; r++) total += Math.max(0, droppedOf(r));
      return total;
    },
    get rescored() {
      return rescored;
    },
  };
}
