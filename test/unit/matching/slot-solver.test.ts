import { seededRandom } from '../../../bench/generate-pool';
import type { SlotGraph, SlotState } from '../../../src/matching/slot-state';
import { createSlotSolver } from '../../../src/matching/solve-slot-assignment';

/** Row-major edges: `score(g)` is the score of an edge to group g, or null for none. */
function randomEdges(rows: number, groups: number, score: (g: number) => number | null) {
  const rowStart = [0];
  const edgeGroup: number[] = [];
  const edgeScore: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let g = 0; g < groups; g++) {
      const value = score(g);
      if (value === null) continue;
      edgeGroup.push(g);
      edgeScore.push(value);
    }
    rowStart.push(edgeGroup.length);
  }
  return {
    rowStart: Int32Array.from(rowStart),
    edgeGroup: Int32Array.from(edgeGroup),
    edgeScore: Float64Array.from(edgeScore),
  };
}

/** Random slot graphs with integer scores and penalties: many exact ties, full and empty mentors. */
function randomGraph(random: () => number, keep = 1): SlotGraph {
  const rows = 1 + Math.floor(random() * 9);
  const groups = 1 + Math.floor(random() * 5);
  const capacity = Int32Array.from({ length: groups }, () => Math.floor(random() * 3));
  const slotStart = new Int32Array(groups + 1);
  for (let g = 0; g < groups; g++) slotStart[g + 1] = slotStart[g]! + capacity[g]!;
  const step = Math.floor(random() * 3) * 5;
  const penalty = new Float64Array(slotStart[groups]!);
  for (let g = 0; g < groups; g++) {
    const load = Math.floor(random() * 3) * 5;
    for (let k = 0; k < capacity[g]!; k++) penalty[slotStart[g]! + k] = load + step * k;
  }
  const edges = randomEdges(rows, groups, () => (random() < 0.6 * keep ? Math.floor(random() * 20) : null));
  return { rows, capacity, slotStart, penalty, ...edges, big: 1000 };
}

function cost(graph: SlotGraph, state: SlotState): number {
  let total = 0;
  for (let r = 0; r < graph.rows; r++) {
    const slot = state.rowSlot[r]!;
    if (slot < 0) continue;
    const g = state.slotGroup[slot]!;
    let score = NaN;
    for (let e = graph.rowStart[r]!; e < graph.rowStart[r + 1]!; e++)
      if (graph.edgeGroup[e] === g) score = graph.edgeScore[e]!;
    total += graph.penalty[slot]! - graph.big - score;
  }
  return total;
}

/** The dual certificate the proof relies on: v ≤ 0, 0 on free slots, reduced costs ≥ 0, tight when matched. */
function certificateProblem(graph: SlotGraph, state: SlotState): string | undefined {
  for (let s = 0; s < state.nCols; s++) {
    if (state.v[s]! > 0) return `slot ${s} has a positive dual`;
    if (state.slotRow[s]! < 0 && state.v[s] !== 0) return `free slot ${s} has dual ${state.v[s]}`;
  }
  for (let r = 0; r < graph.rows; r++) {
    const u = state.rowDual(r);
    for (let e = graph.rowStart[r]!; e < graph.rowStart[r + 1]!; e++) {
      const g = graph.edgeGroup[e]!;
      for (let s = graph.slotStart[g]!; s < graph.slotStart[g + 1]!; s++) {
        const reduced = graph.penalty[s]! - graph.big - graph.edgeScore[e]! - u - state.v[s]!;
        if (reduced < 0) return `row ${r} slot ${s} has reduced cost ${reduced}`;
        if (state.rowSlot[r] === s && reduced !== 0) return `row ${r} is not tight on its slot`;
      }
    }
  }
  return undefined;
}

const auction = { outside: 40, epsStart: 5, epsEnd: 1, maxBids: 10_000 };

/** A medium market where mentors are short (or not): many mentees must stay out, prices must rise for it. */
function marketGraph(random: () => number, rows: number, groups: number, maxCapacity: number): SlotGraph {
  const capacity = Int32Array.from({ length: groups }, () => 1 + Math.floor(random() * maxCapacity));
  const slotStart = new Int32Array(groups + 1);
  for (let g = 0; g < groups; g++) slotStart[g + 1] = slotStart[g]! + capacity[g]!;
  const penalty = new Float64Array(slotStart[groups]!);
  for (let g = 0; g < groups; g++) for (let k = 0; k < capacity[g]!; k++) penalty[slotStart[g]! + k] = 3 * k;
  // Popular groups (low index) are wanted by more rows; scores are coarse, so ties abound.
  const edges = randomEdges(rows, groups, (g) =>
    random() < 0.5 / (1 + g / 10) ? 10 * Math.floor(random() * 10) : null,
  );
  const matchable = Math.min(rows, slotStart[groups]!);
  return { rows, capacity, slotStart, penalty, ...edges, big: (matchable + 1) * 200 };
}

describe('the slot solver', () => {
  it('reaches the same optimum with and without the auction warm start, with a valid certificate', () => {
    const random = seededRandom(3);
    for (let t = 0; t < 1500; t++) {
      const graph = randomGraph(random);
      const cold = createSlotSolver(graph, undefined).state;
      const warm = createSlotSolver(graph, auction).state;
      expect(cost(graph, warm)).toBe(cost(graph, cold));
      expect(certificateProblem(graph, cold)).toBeUndefined();
      expect(certificateProblem(graph, warm)).toBeUndefined();
    }
  });

  it('handles markets with too few or plenty of mentors: same optimum as the plain search, valid certificate', () => {
    const random = seededRandom(5);
    for (const [rows, groups, maxCapacity] of [
      [300, 40, 2],
      [300, 60, 3],
      [200, 150, 3],
      [400, 100, 1],
    ] as const) {
      for (let t = 0; t < 5; t++) {
        const graph = marketGraph(random, rows, groups, maxCapacity);
        const warm = createSlotSolver(graph, { outside: 400, epsStart: 40, epsEnd: 2, maxBids: 100_000 }).state;
        const cold = createSlotSolver(graph, undefined).state;
        expect(cost(graph, warm)).toBe(cost(graph, cold));
        expect(certificateProblem(graph, warm)).toBeUndefined();
      }
    }
  });

  it('re-opened on a graph with more edges, ends where a fresh solve ends', () => {
    const random = seededRandom(4);
    for (let t = 0; t < 1500; t++) {
      const full = randomGraph(random);
      // Keep a random 60% of the edges first.
      const kept = Array.from(full.edgeGroup, () => random() < 0.6);
      const rowStart = [0];
      const edgeGroup: number[] = [];
      const edgeScore: number[] = [];
      const changed: number[] = [];
      for (let r = 0; r < full.rows; r++) {
        let dropped = false;
        for (let e = full.rowStart[r]!; e < full.rowStart[r + 1]!; e++) {
          if (kept[e]) {
            edgeGroup.push(full.edgeGroup[e]!);
            edgeScore.push(full.edgeScore[e]!);
          } else dropped = true;
        }
        rowStart.push(edgeGroup.length);
        if (dropped) changed.push(r);
      }
      const partial = {
        ...full,
        rowStart: Int32Array.from(rowStart),
        edgeGroup: Int32Array.from(edgeGroup),
        edgeScore: Float64Array.from(edgeScore),
      };
      const solver = createSlotSolver(partial, t % 2 === 0 ? auction : undefined);
      solver.reopen(full, changed);
      expect(cost(full, solver.state)).toBe(cost(full, createSlotSolver(full, undefined).state));
      expect(certificateProblem(full, solver.state)).toBeUndefined();
    }
  });
});
