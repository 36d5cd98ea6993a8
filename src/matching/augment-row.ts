import { MinHeap } from './min-heap';
import type { SlotState } from './slot-state';

/**
 * Seats one free row by a shortest augmenting path (Dijkstra on reduced costs, the Hungarian / Jonker–Volgenant
 * step), ending at the first free slot popped or, when that is cheaper, by sending the row — or a row on the
 * path — to "stay unmatched". Afterwards the scanned slots' duals move by (distance − path length), which keeps
 * every reduced cost ≥ 0 and the new matched edges tight.
 *
 * The slots of a group are reached through the same edges at distances base + offset[slot], with
 * offset = penalty − dual ≥ 0: a group is one heap entry that yields its slots cheapest first, so a row's
 * edge costs one relaxation however many slots the mentor has.
 *
 * Scratch arrays live in the closure and are reset by stamping, so a search only pays for what it explores.
 */
export function createAugmenter(state: SlotState): (row: number) => void {
  const groups = state.graph.capacity.length;
  const nCols = state.nCols;
  const { v, rowSlot, slotRow, rowCost } = state;
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

  const openGroup = (g: number): void => {
    const { slotStart, penalty } = state.graph;
    const first = slotStart[g]!;
    const end = state.slotEnd(g);
    let count = 0;
    for (let col = first; col < end; col++) {
      const o = penalty[col]! - v[col]!;
      let at = first + count++;
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

  // Heap entries carry g, or g + groups when the group's next slot is taken: among equal distances a free
  // slot pops first (JV's rule), so a plateau of ties is not expanded when a free slot sits at its level.
  const entry = (g: number, slot: number): number => (slotRow[slot]! < 0 ? g : g + groups);

  const relax = (i: number, di: number, ui: number): void => {
    const { rowStart, edgeGroup, edgeScore, big, slotStart } = state.graph;
    for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) {
      const g = edgeGroup[e]!;
      const s = edgeScore[e]!;
      const base = di - ui - big - s;
      if (groupStamp[g] !== stamp) openGroup(g);
      if (groupNext[g]! >= groupCount[g]! || base >= groupBase[g]!) continue;
      groupBase[g] = base;
      groupPredRow[g] = i;
      groupPredScore[g] = s;
      const next = slotOrder[slotStart[g]! + groupNext[g]!]!;
      heap.push(base + offset[next]!, entry(g, next));
    }
  };

  return (r: number): void => {
    const { rowStart, edgeGroup, edgeScore, big, slotStart } = state.graph;
    stamp++;
    heap.clear();
    // A free row has no tight edge yet: its dual is its cheapest reduced cost, "stay unmatched" (0) included.
    let ur = 0;
    for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
      const g = edgeGroup[e]!;
      if (groupStamp[g] !== stamp) openGroup(g);
      if (groupCount[g]! > 0) ur = Math.min(ur, -big - edgeScore[e]! + offset[slotOrder[slotStart[g]!]!]!);
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
        const top = heap.topValue;
        const g = top >= groups ? top - groups : top;
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
        if (next + 1 < groupCount[g]!) {
          const after = slotOrder[slotStart[g]! + next + 1]!;
          heap.push(groupBase[g]! + offset[after]!, entry(g, after));
        }
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
    if (endCol >= 0) col = endCol;
    else {
      if (unmatchedRow === r) return;
      // The path ends by sending a seated row back to "unmatched": its slot passes down the path.
      col = rowSlot[unmatchedRow]!;
      state.unseat(unmatchedRow);
    }
    for (;;) {
      const i = predRow[col]!;
      const previous = rowSlot[i]!;
      state.seat(i, col, predScore[col]!);
      if (i === r) break;
      col = previous;
    }
  };
}
