import { MinHeap } from './min-heap';

/**
 * A sparse min-cost assignment of rows (mentees) to slot columns (mentor g has capacity[g] slots, slot k of
 * g costing penalty[slot]). Every number is an integer-valued double so that all sums below are exact.
 *
 * Cost of row i in slot s of group g:  penalty[s] − big − score(i, g)      (score ≥ 0, penalty ≥ 0)
 * Each row also owns a private "stay unmatched" column of cost 0. Because `big` exceeds any possible
 * difference in total score, minimising cost first maximises the number of matched rows, then the score.
 */
export interface SlotGraph {
  rows: number;
  capacity: Int32Array;
  /** slotStart[g]..slotStart[g + 1] are the slot columns of group g. */
  slotStart: Int32Array;
  /** Per slot column; non-decreasing within a group, so slots of a group fill in order. */
  penalty: Float64Array;
  /** CSR adjacency: edges rowStart[i]..rowStart[i + 1] of row i go to edgeGroup[e] with edgeScore[e]. */
  rowStart: Int32Array;
  edgeGroup: Int32Array;
  edgeScore: Float64Array;
  big: number;
}

/**
 * The optimum and its dual certificate. Column duals v are ≤ 0 and exactly 0 on free slots; the row dual of a
 * matched row is rowCost − v[slot] and of an unmatched row 0. Every graph edge has reduced cost
 * cost − u − v ≥ 0 and matched edges have 0, which is what lets the caller prove optimality for edges
 * that were never in the graph.
 */
export interface SlotSolution {
  rowSlot: Int32Array;
  slotRow: Int32Array;
  /** Slots in use per group; they are always the first `used[g]` slots of g. */
  used: Int32Array;
  v: Float64Array;
  rowCost: Float64Array;
}

/**
 * Successive shortest augmenting paths with Dijkstra on reduced costs (the Hungarian method in its sparse,
 * Jonker–Volgenant form). A greedy pass first seats every row whose cheapest slot is free, which is valid
 * with all duals at zero; the remaining rows each run one Dijkstra that stops at the first free slot (or at
 * the cheapest "stay unmatched" column among the rows it reached) and only touches what it explored.
 *
 * Only slots 0..used[g] of a group are ever relaxed: used slots form a prefix, and the first free one is
 * never more expensive than the later free ones.
 */
export function solveSlotAssignment(graph: SlotGraph): SlotSolution {
  const { rows, capacity, slotStart, penalty, rowStart, edgeGroup, edgeScore, big } = graph;
  const groups = capacity.length;
  const nCols = slotStart[groups]!;
  const slotGroup = new Int32Array(nCols);
  for (let g = 0; g < groups; g++) slotGroup.fill(g, slotStart[g]!, slotStart[g + 1]!);

  const v = new Float64Array(nCols);
  const rowSlot = new Int32Array(rows).fill(-1);
  const slotRow = new Int32Array(nCols).fill(-1);
  const rowCost = new Float64Array(rows);
  const used = new Int32Array(groups);
  const pending: number[] = [];

  for (let r = 0; r < rows; r++) {
    let best = 0;
    let bestGroup = -1;
    for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
      const g = edgeGroup[e]!;
      const c = penalty[slotStart[g]!]! - big - edgeScore[e]!;
      if (c < best) {
        best = c;
        bestGroup = g;
      }
    }
    if (bestGroup < 0) continue;
    const slot = slotStart[bestGroup]! + used[bestGroup]!;
    if (used[bestGroup]! < capacity[bestGroup]! && penalty[slot] === penalty[slotStart[bestGroup]!]) {
      rowSlot[r] = slot;
      slotRow[slot] = r;
      rowCost[r] = best;
      used[bestGroup]!++;
    } else pending.push(r);
  }

  // Per-search state, reset lazily by stamping instead of clearing arrays of size nCols each time.
  const groupStamp = new Int32Array(groups);
  const groupBase = new Float64Array(groups);
  const groupPredRow = new Int32Array(groups);
  const groupPredScore = new Float64Array(groups);
  const groupNext = new Int32Array(groups);
  const groupCount = new Int32Array(groups);
  const slotOrder = new Int32Array(nCols);
  const offset = new Float64Array(nCols);
  const dist = new Float64Array(nCols);
  const predRow = new Int32Array(nCols);
  const predScore = new Float64Array(nCols);
  const scanned = new Int32Array(nCols);
  const heap = new MinHeap(Math.max(16, Math.min(groups * 2, 1 << 16)));
  let stamp = 0;

  // The slots of a group are reached through the same edges, at distances base + offset[slot], with
  // offset = penalty − dual ≥ 0: the group is one heap entry that yields its slots cheapest first.
  const openGroup = (g: number): void => {
    const first = slotStart[g]!;
    const count = Math.min(used[g]! + 1, capacity[g]!);
    for (let t = 0; t < count; t++) {
      const col = first + t;
      const o = penalty[col]! - v[col]!;
      let at = first + t;
      while (at > first && offset[slotOrder[at - 1]!]! > o) {
        slotOrder[at] = slotOrder[at - 1]!;
        at--;
      }
      slotOrder[at] = col;
      offset[col] = o;
    }
    groupStamp[g] = stamp;
    groupNext[g] = 0;
    groupCount[g] = count;
    groupBase[g] = Infinity;
  };

  const relax = (i: number, di: number, ui: number): void => {
    for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) {
      const g = edgeGroup[e]!;
      const s = edgeScore[e]!;
      const base = di - ui - big - s;
      if (groupStamp[g] !== stamp) openGroup(g);
      if (groupNext[g]! >= groupCount[g]! || base >= groupBase[g]!) continue;
      groupBase[g] = base;
      groupPredRow[g] = i;
      groupPredScore[g] = s;
      heap.push(base + offset[slotOrder[slotStart[g]! + groupNext[g]!]!]!, g);
    }
  };

  for (const r of pending) {
    stamp++;
    heap.clear();
    // A free row has no tight edge yet: its dual is its cheapest reduced cost, "stay unmatched" (0) included.
    let ur = 0;
    for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
      const g = edgeGroup[e]!;
      if (groupStamp[g] !== stamp) openGroup(g);
      ur = Math.min(ur, -big - edgeScore[e]! + offset[slotOrder[slotStart[g]!]!]!);
    }
    let bestUnmatched = -ur;
    let unmatchedRow = r;
    relax(r, 0, ur);
    let nScanned = 0;
    let endCol = -1;
    let delta = 0;
    for (;;) {
      let col = -1;
      let d = 0;
      while (heap.size > 0) {
        const g = heap.topValue;
        const k = heap.topKey;
        heap.pop();
        const next = groupNext[g]!;
        if (next >= groupCount[g]!) continue;
        const c = slotOrder[slotStart[g]! + next]!;
        if (k !== groupBase[g]! + offset[c]!) continue; // stale entry
        col = c;
        d = k;
        groupNext[g] = next + 1;
        dist[col] = d;
        predRow[col] = groupPredRow[g]!;
        predScore[col] = groupPredScore[g]!;
        if (next + 1 < groupCount[g]!) heap.push(groupBase[g]! + offset[slotOrder[slotStart[g]! + next + 1]!]!, g);
        break;
      }
      if (col < 0 || d > bestUnmatched) {
        delta = bestUnmatched;
        break;
      }
      scanned[nScanned++] = col;
      const i = slotRow[col]!;
      if (i < 0) {
        endCol = col;
        delta = d;
        break;
      }
      const ui = rowCost[i]! - v[col]!;
      if (d - ui < bestUnmatched) {
        bestUnmatched = d - ui;
        unmatchedRow = i;
      }
      relax(i, d, ui);
    }
    for (let t = 0; t < nScanned; t++) {
      const col = scanned[t]!;
      v[col]! += dist[col]! - delta;
    }

    let col: number;
    if (endCol >= 0) {
      col = endCol;
      used[slotGroup[col]!]!++;
    } else {
      if (unmatchedRow === r) continue;
      // The path ends by sending a seated row back to "unmatched": its slot passes down the path.
      col = rowSlot[unmatchedRow]!;
      rowSlot[unmatchedRow] = -1;
      rowCost[unmatchedRow] = 0;
    }
    for (;;) {
      const i = predRow[col]!;
      const previous = rowSlot[i]!;
      rowSlot[i] = col;
      slotRow[col] = i;
      rowCost[i] = penalty[col]! - big - predScore[col]!;
      if (i === r) break;
      col = previous;
    }
  }
  return { rowSlot, slotRow, used, v, rowCost };
}
