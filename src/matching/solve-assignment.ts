import { createPruningProof } from './prove-pruned-pairs';
import { scoreLevels, selectCandidates, type Candidates } from './select-candidates';
import { createSlotSolver } from './solve-slot-assignment';
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
  /** Every allowed score lies in [lo, hi]; fixes the integer scale (a loose range only costs precision). */
  scoreRange: readonly [number, number];
  /** K: each row's best groups that enter the graph before the proof; Infinity = all (no pruning). */
  candidatesPerRow: number;
  /** L: each group's best rows that also enter the graph (default 48). */
  candidatesPerGroup?: number;
}

export interface AssignmentOutput {
  /** Group of each row, −1 when unmatched. */
  groupOf: Int32Array;
  slotOf: Int32Array;
  proof: MatchProof;
}

/** 2^50 leaves room for sums of a few costs of size `big` inside the 2^53 exact-integer range. */
const EXACT_ROOM = 2 ** 50;
const DEFAULT_PER_GROUP = 48;
/** Keep the one-byte score table (for a fast proof) up to this many pairs: 128 MB. */
const MAX_LEVEL_BYTES = 2 ** 27;

/**
 * Exact and fast: solve on a pruned graph (each row's K best groups and each group's L best rows), then prove
 * the answer optimal for all allowed pairs with the dual certificate of that solve (createPruningProof). Pairs
 * the proof finds improving are added to the graph, the rows concerned are re-seated on the warm solution,
 * and the proof runs again until it finds none: the result is optimal for the full problem.
 *
 * Scores are scaled to integers (2^30 per unit, less when the instance is huge) so the solver's arithmetic and
 * the proof's comparisons are exact; the optimum is exact for scores rounded to that grid.
 */
export function solveAssignment(input: AssignmentInput): AssignmentOutput {
  const { rows, groups, capacity, penaltyBase, penaltyStep } = input;
  const pruning = input.candidatesPerRow < groups;
  const levels =
    pruning && rows * groups <= MAX_LEVEL_BYTES ? scoreLevels(rows, groups, ...input.scoreRange) : undefined;
  const cand = selectCandidates(
    rows,
    groups,
    input.candidatesPerRow,
    input.candidatesPerGroup ?? DEFAULT_PER_GROUP,
    (r, out) => input.fillRow(r, out),
    levels,
  );

  const slotStart = new Int32Array(groups + 1);
  let maxPenalty = 0;
  for (let g = 0; g < groups; g++) {
    slotStart[g + 1] = slotStart[g]! + capacity[g]!;
    if (capacity[g]! > 0) maxPenalty = Math.max(maxPenalty, penaltyBase[g]! + penaltyStep * (capacity[g]! - 1));
  }
  const matchable = Math.min(rows, slotStart[groups]!);
  const [minScore, maxScore] = input.scoreRange;
  const span = Math.max(0, maxScore - minScore) + maxPenalty;
  let scale = 2 ** 30;
  while (span * scale + 4 > EXACT_ROOM / (matchable + 1) && scale > 2 ** -60) scale /= 2;
  const toInt = (s: number): number => Math.round((s - minScore) * scale);
  const penalty = new Float64Array(slotStart[groups]!);
  for (let g = 0; g < groups; g++) {
    for (let k = 0; k < capacity[g]!; k++)
      penalty[slotStart[g]! + k] = Math.round((penaltyBase[g]! + penaltyStep * k) * scale);
  }
  // Larger than any difference in total score between two matchings, so one more match always wins.
  const unit = Math.ceil(span * scale) + 2;
  const big = (matchable + 1) * unit;

  const extraGroups: number[][] = Array.from({ length: rows }, () => []);
  const extraScores: number[][] = Array.from({ length: rows }, () => []);
  const graphOf = () => ({
    rows,
    capacity,
    slotStart,
    penalty,
    big,
    ...buildGraph(cand, extraGroups, extraScores, toInt),
  });
  // The auction only provides starting prices; "walking away" is worth two score ranges there, small enough
  // to stop price wars over mentees who cannot all be served (the exact solver then sorts them out).
  const solver = createSlotSolver(graphOf(), {
    outside: 2 * unit,
    epsStart: unit / 50,
    epsEnd: unit / 500,
    maxBids: 200 * rows + 1000,
  });
  const proof = createPruningProof(input, cand, extraGroups, toInt);
  const prunedAtStart = proof.dropped();
  let reopened: number[] = [];
  let resolves = 0;
  for (;;) {
    const violations = proof.check(solver.state, reopened);
    if (violations.length === 0) break;
    const rowsHit = new Set<number>();
    for (const [r, g, s] of violations) {
      extraGroups[r]!.push(g);
      extraScores[r]!.push(s);
      rowsHit.add(r);
    }
    reopened = [...rowsHit];
    solver.reopen(graphOf(), reopened);
    resolves++;
  }

  const { rowSlot, slotGroup } = solver.state;
  const groupOf = new Int32Array(rows).fill(-1);
  const slotOf = new Int32Array(rows).fill(-1);
  for (let r = 0; r < rows; r++) {
    const slot = rowSlot[r]!;
    if (slot < 0) continue;
    groupOf[r] = slotGroup[slot]!;
    slotOf[r] = slot - slotStart[groupOf[r]!]!;
  }
  const result: MatchProof = {
    optimal: true,
    method: pruning
      ? 'min-cost assignment by shortest augmenting paths with potentials (auction warm start) on each ' +
        'mentee’s best mentors and each mentor’s best mentees; every other allowed pair checked against the dual certificate'
      : 'min-cost assignment by shortest augmenting paths with potentials (auction warm start) on all allowed pairs',
    prunedEdgesChecked: prunedAtStart,
    resolves,
    prunedEdgesRescored: proof.rescored,
  };
  if (pruning) result.candidatesPerMentee = input.candidatesPerRow;
  return { groupOf, slotOf, proof: result };
}

function buildGraph(cand: Candidates, extraGroups: number[][], extraScores: number[][], toInt: (s: number) => number) {
  const rows = cand.start.length - 1;
  const rowStart = new Int32Array(rows + 1);
  for (let r = 0; r < rows; r++)
    rowStart[r + 1] = rowStart[r]! + cand.start[r + 1]! - cand.start[r]! + extraGroups[r]!.length;
  const edgeGroup = new Int32Array(rowStart[rows]!);
  const edgeScore = new Float64Array(rowStart[rows]!);
  for (let r = 0; r < rows; r++) {
    let e = rowStart[r]!;
    for (let t = cand.start[r]!; t < cand.start[r + 1]!; t++, e++) {
      edgeGroup[e] = cand.groups[t]!;
      edgeScore[e] = toInt(cand.scores[t]!);
    }
    const xg = extraGroups[r]!;
    for (let t = 0; t < xg.length; t++, e++) {
      edgeGroup[e] = xg[t]!;
      edgeScore[e] = toInt(extraScores[r]![t]!);
    }
  }
  return { rowStart, edgeGroup, edgeScore };
}
