import { MinHeap } from './min-heap';
import type { SlotState } from './slot-state';

/**
 * Restores "a free slot has dual 0" for a slot left free with a negative dual (warm-started prices, or a row
 * taken out after the proof found a better pair). This is the Dijkstra step run backwards from the slot:
 * rows that could move into it (reduced cost rc), the slots they would vacate (tight, +0), rows that could
 * move into those, and so on. Raising the slot's dual by e = −v is blocked only by rows nearer than e; the
 * search stops at level Δ = the smallest of
 *   e                               – the dual simply rises to 0, nobody moves;
 *   D(c) − v[c] for a reached slot  – that slot's dual reaches 0 first: rows shift along the path and it is freed;
 *   D(i) for an unmatched row       – that row joins along the path (one more match).
 * Every node reached below Δ has its dual shifted by Δ − D, which keeps all reduced costs ≥ 0 and v ≤ 0.
 */
export function createRepairer(state: SlotState): (slot: number) => void {
  const rows = state.graph.rows;
  const { v, rowSlot, slotRow, slotGroup } = state;
  const rowStamp = new Int32Array(rows);
  const rowDist = new Float64Array(rows);
  const predSlot = new Int32Array(rows);
  const predScore = new Float64Array(rows);
  const reached: number[] = [];
  const reachedDist: number[] = [];
  const heap = new MinHeap(1024);
  let stamp = 0;

  const expand = (slot: number, ds: number): void => {
    const { penalty, big } = state.graph;
    const g = slotGroup[slot]!;
    const owner = slotRow[slot]!;
    const vs = v[slot]!;
    for (let t = state.groupStart[g]!; t < state.groupStart[g + 1]!; t++) {
      const i = state.groupRows[t]!;
      if (i === owner || (rowStamp[i] === stamp && rowDist[i]! < 0)) continue; // owner, or already settled
      const s = state.groupScores[t]!;
      const nd = ds + (penalty[slot]! - big - s) - state.rowDual(i) - vs;
      if (rowStamp[i] !== stamp || nd < rowDist[i]!) {
        rowStamp[i] = stamp;
        rowDist[i] = nd;
        predSlot[i] = slot;
        predScore[i] = s;
        heap.push(nd, i);
      }
    }
  };

  return (start: number): void => {
    stamp++;
    heap.clear();
    reached.length = 0;
    reachedDist.length = 0;
    let level = -v[start]!;
    if (level <= 0) return;
    let endSlot = -1;
    let endRow = -1;
    reached.push(start);
    reachedDist.push(0);
    expand(start, 0);
    while (heap.size > 0) {
      const i = heap.topValue;
      const d = heap.topKey;
      heap.pop();
      if (rowStamp[i] !== stamp || d !== rowDist[i]) continue;
      if (d >= level) break;
      rowDist[i] = -1; // settled (distances are ≥ 0, so −1 is free to mean "done")
      const slot = rowSlot[i]!;
      if (slot < 0) {
        level = d;
        endRow = i;
        endSlot = -1;
        break;
      }
      reached.push(slot);
      reachedDist.push(d);
      if (d - v[slot]! < level) {
        level = d - v[slot]!;
        endSlot = slot;
        endRow = i;
      }
      if (d >= level) break;
      expand(slot, d);
    }
    for (let t = 0; t < reached.length; t++) v[reached[t]!]! += level - reachedDist[t]!;
    if (endRow < 0) return;
    // Shift rows one step towards `start` along the search tree; endSlot (if any) is left free with dual 0.
    if (endSlot >= 0) slotRow[endSlot] = -1;
    let i = endRow;
    for (;;) {
      const target = predSlot[i]!;
      const owner = slotRow[target]!;
      state.seat(i, target, predScore[i]!);
      if (target === start) break;
      i = owner;
    }
  };
}
