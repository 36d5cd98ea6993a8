import { selectCandidates, type Candidates } from './select-candidates';
import { solveSlotAssignment, type SlotSolution } from './solve-slot-assignment';
import type { MatchProof } from './types';

/**
 * Rows (mentees) to groups (mentors with capacity). Objective, lexicographic: most rows matched, then the
 * largest Σ (score(row, group) − penaltyBase[group] − penaltyStep × k) where k is the slot (0, 1, …) the row
 * takes in its group. Scores come from the caller: NaN means a hard rule forbids the pair.
 */
export interface AssignmentInput {
  rows: number;
  groups: number;
  capacity: Int32Array;
  penaltyBase: Float64Array;
  penaltyStep: number;
  fillRow(row: number, out: Float64Array): void;
  scoreOne(row: number, group: number): number;
  /** K: how many best groups per row enter the graph before the proof; Infinity = all. */
  candidatesPerRow: number;
}

export interface AssignmentOutput {
  /** Group of each row, −1 when unmatched. */
  groupOf: Int32Array;
  slotOf: Int32Array;
  proof: MatchProof;
}

/** 2^50 leaves room for the sums of a few costs of size `big` inside the 2^53 exact-integer range. */
const EXACT_ROOM = 2 ** 50;

/**
 * Exact and fast: solve on each row's K best groups, then prove the answer optimal for all allowed pairs with
 * the dual certificate of the sparse solve. A dropped pair (i, g) could improve the optimum only if its
 * reduced cost is negative: score(i, g) > A[g] + B[i], where A[g] is the cheapest "price" of a slot of g
 * (penalty − dual) and B[i] is what row i already earns. A row whose dropped scores are all at most its K-th
 * kept score is certified in O(log groups) by comparing with the sorted prices; only rows where that bound
 * fails are scored again, pair by pair. Improving pairs are added to the graph and the solve repeats until
 * none is left, so the result is optimal for the full problem, not just for the pruned graph.
 *
 * Scores are scaled to integers (at most 2^30 per unit, less when the instance is huge) so the solver's
 * arithmetic and the proof's comparisons are exact; the optimum is exact for scores rounded to that grid.
 */
export function solveAssignment(input: AssignmentInput): AssignmentOutput {
  const { rows, groups, capacity, penaltyBase, penaltyStep } = input;
  const cand = selectCandidates(rows, groups, capacity, input.candidatesPerRow, (r, out) => input.fillRow(r, out));

  const slotStart = new Int32Array(groups + 1);
  let maxPenalty = 0;
  for (let g = 0; g < groups; g++) {
    slotStart[g + 1] = slotStart[g]! + capacity[g]!;
    if (capacity[g]! > 0) maxPenalty = Math.max(maxPenalty, penaltyBase[g]! + penaltyStep * (capacity[g]! - 1));
  }
  const matchable = Math.min(rows, slotStart[groups]!);
  const minScore = Number.isFinite(cand.minScore) ? cand.minScore : 0;
  const span = (Number.isFinite(cand.maxScore) ? cand.maxScore - minScore : 0) + maxPenalty;
  let scale = 2 ** 30;
  while (span * scale + 4 > EXACT_ROOM / (matchable + 1) && scale > 2 ** -60) scale /= 2;
  const toInt = (s: number): number => Math.round((s - minScore) * scale);
  const penalty = new Float64Array(slotStart[groups]!);
  for (let g = 0; g < groups; g++) {
    for (let k = 0; k < capacity[g]!; k++)
      penalty[slotStart[g]! + k] = Math.round((penaltyBase[g]! + penaltyStep * k) * scale);
  }
  // Larger than any difference in total score between two matchings, so one more match always wins.
  const big = (matchable + 1) * (Math.ceil(span * scale) + 2);

  const extraGroups: number[][] = Array.from({ length: rows }, () => []);
  const extraScores: number[][] = Array.from({ length: rows }, () => []);
  let resolves = 0;
  for (;;) {
    const graph = buildGraph(cand, extraGroups, extraScores, toInt);
    const solution = solveSlotAssignment({ rows, capacity, slotStart, penalty, big, ...graph });
    const check = checkDroppedPairs(input, cand, extraGroups, solution, slotStart, penalty, big, toInt);
    if (check.violations.length === 0) {
      const groupOf = new Int32Array(rows).fill(-1);
      const slotOf = new Int32Array(rows).fill(-1);
      const slotGroup = new Int32Array(slotStart[groups]!);
      for (let g = 0; g < groups; g++) slotGroup.fill(g, slotStart[g]!, slotStart[g + 1]!);
      for (let r = 0; r < rows; r++) {
        const slot = solution.rowSlot[r]!;
        if (slot < 0) continue;
        groupOf[r] = slotGroup[slot]!;
        slotOf[r] = slot - slotStart[groupOf[r]!]!;
      }
      const pruned = check.checked > 0 || resolves > 0 || input.candidatesPerRow < groups;
      const proof: MatchProof = {
        optimal: true,
        method: pruned
          ? 'min-cost assignment, successive shortest paths (Dijkstra with potentials) on each mentee’s best ' +
            'candidates; dual certificate checked on every pruned pair'
          : 'min-cost assignment, successive shortest paths (Dijkstra with potentials) on all allowed pairs',
        prunedEdgesChecked: check.checked,
        resolves,
        prunedEdgesRescored: check.rescored,
      };
      if (pruned) proof.candidatesPerMentee = Math.min(input.candidatesPerRow, groups);
      return { groupOf, slotOf, proof };
    }
    for (const [r, g, s] of check.violations) {
      extraGroups[r]!.push(g);
      extraScores[r]!.push(s);
    }
    resolves++;
  }
}

function buildGraph(cand: Candidates, extraGroups: number[][], extraScores: number[][], toInt: (s: number) => number) {
  const rows = cand.groups.length;
  const rowStart = new Int32Array(rows + 1);
  for (let r = 0; r < rows; r++) rowStart[r + 1] = rowStart[r]! + cand.groups[r]!.length + extraGroups[r]!.length;
  const edgeGroup = new Int32Array(rowStart[rows]!);
  const edgeScore = new Float64Array(rowStart[rows]!);
  for (let r = 0; r < rows; r++) {
    let e = rowStart[r]!;
    const gs = cand.groups[r]!;
    const ss = cand.scores[r]!;
    for (let t = 0; t < gs.length; t++, e++) {
      edgeGroup[e] = gs[t]!;
      edgeScore[e] = toInt(ss[t]!);
    }
    const xg = extraGroups[r]!;
    for (let t = 0; t < xg.length; t++, e++) {
      edgeGroup[e] = xg[t]!;
      edgeScore[e] = toInt(extraScores[r]![t]!);
    }
  }
  return { rowStart, edgeGroup, edgeScore };
}

function checkDroppedPairs(
  input: AssignmentInput,
  cand: Candidates,
  extraGroups: number[][],
  solution: SlotSolution,
  slotStart: Int32Array,
  penalty: Float64Array,
  big: number,
  toInt: (s: number) => number,
): { checked: number; rescored: number; violations: [number, number, number][] } {
  const { rows, groups, capacity } = input;
  const { used, v, rowSlot, rowCost } = solution;
  // A[g]: the cheapest slot of g for a newcomer, in reduced terms (penalty − dual); free slots have dual 0.
  const price = new Float64Array(groups).fill(Infinity);
  const order: number[] = [];
  for (let g = 0; g < groups; g++) {
    if (capacity[g]! <= 0) continue;
    const first = slotStart[g]!;
    const last = first + Math.min(used[g]!, capacity[g]! - 1);
    for (let col = first; col <= last; col++) price[g] = Math.min(price[g]!, penalty[col]! - v[col]!);
    order.push(g);
  }
  order.sort((a, b) => price[a]! - price[b]! || a - b);
  const sortedPrice = Float64Array.from(order, (g) => price[g]!);
  const mark = new Int32Array(groups).fill(-1);
  const buffer = new Float64Array(groups);
  const violations: [number, number, number][] = [];
  let checked = 0;
  let rescored = 0;
  for (let r = 0; r < rows; r++) {
    const dropped = cand.allowed[r]! - cand.groups[r]!.length - extraGroups[r]!.length;
    if (dropped <= 0) continue;
    checked += dropped;
    const slot = rowSlot[r]!;
    const earns = -big - (slot >= 0 ? rowCost[r]! - v[slot]! : 0);
    // Only groups priced below (best dropped score − earnings) can hold an improving pair.
    const limit = toInt(cand.droppedBound[r]!) - earns;
    let lo = 0;
    let hi = sortedPrice.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sortedPrice[mid]! < limit) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) continue;
    for (const g of cand.groups[r]!) mark[g] = r;
    for (const g of extraGroups[r]!) mark[g] = r;
    const dense = lo * 8 > groups;
    if (dense) input.fillRow(r, buffer);
    for (let t = 0; t < lo; t++) {
      const g = order[t]!;
      if (mark[g] === r) continue;
      const s = dense ? buffer[g]! : input.scoreOne(r, g);
      if (s !== s) continue;
      rescored++;
      if (toInt(s) > price[g]! + earns) violations.push([r, g, s]);
    }
  }
  return { checked, rescored, violations };
}
