import { auctionPrices, type AuctionOptions } from './auction-prices';
import { createAugmenter } from './augment-row';
import { createRepairer } from './repair-free-slot';
import { SlotState, type SlotGraph } from './slot-state';

export interface SlotSolver {
  readonly state: SlotState;
  /** Swap in a graph with more edges and re-seat the given rows; the rest of the solution is kept. */
  reopen(graph: SlotGraph, rows: readonly number[]): void;
}

/**
 * Exact sparse min-cost assignment with a warm start:
 *  1. an auction finds approximate slot prices (optional; only speed depends on it);
 *  2. a row keeps its auction slot when that slot is exactly its cheapest option at those prices (the
 *     auction only promises "within ε"; duals do not move here, so every kept row is exactly consistent);
 *  3. rows the auction left out are seated by shortest augmenting paths (createAugmenter);
 *  4. slots left free with a negative dual are repaired backwards (createRepairer).
 * The result is optimal on the graph, with a dual certificate (see SlotState) the caller uses to extend
 * the proof to edges that were never in the graph.
 */
export function createSlotSolver(graph: SlotGraph, auction: AuctionOptions | undefined): SlotSolver {
  const state = new SlotState(graph);
  const augment = createAugmenter(state);
  const repair = createRepairer(state);
  const finish = (pending: readonly number[]): void => {
    for (const r of pending) augment(r);
    for (let s = 0; s < state.nCols; s++) if (state.slotRow[s]! < 0 && state.v[s]! < 0) repair(s);
  };
  const pending: number[] = [];
  if (auction === undefined) {
    for (let r = 0; r < graph.rows; r++) pending.push(r);
  } else seedFromAuction(state, auctionPrices(graph, auction), pending);
  finish(pending);
  return {
    state,
    reopen(next, rows) {
      state.setGraph(next);
      for (const r of rows) state.unseat(r);
      finish(rows);
    },
  };
}

function seedFromAuction(state: SlotState, auction: ReturnType<typeof auctionPrices>, pending: number[]): void {
  const { rows, rowStart, edgeGroup, edgeScore, penalty, big, slotStart } = state.graph;
  const { v, slotGroup } = state;
  state.reach.set(auction.reach);
  for (let s = 0; s < state.nCols; s++) v[s] = -auction.price[s]!;
  for (let i = 0; i < rows; i++) {
    const own = auction.rowSlot[i]!;
    if (own < 0) {
      pending.push(i);
      continue;
    }
    const ownGroup = slotGroup[own]!;
    let cheapest = 0; // "stay unmatched"
    let ownScore = 0;
    for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) {
      const g = edgeGroup[e]!;
      const base = -big - edgeScore[e]!;
      if (g === ownGroup) ownScore = edgeScore[e]!;
      for (let s = slotStart[g]!, end = state.slotEnd(g); s < end; s++)
        cheapest = Math.min(cheapest, base + penalty[s]! - v[s]!);
    }
    // The auction only promises "within ε" of the best option; the certificate needs exactly the best. Cut
    // the slot's price by the shortfall when no seated row would then prefer it (rows seated later see the
    // new price anyway); otherwise leave the row to the exact search.
    const shortfall = penalty[own]! - big - ownScore - v[own]! - cheapest;
    if (shortfall > 0 && (v[own]! + shortfall > 0 || !cutIsSafe(state, own, shortfall))) {
      pending.push(i);
      continue;
    }
    if (shortfall > 0) v[own]! += shortfall;
    state.seat(i, own, ownScore);
  }
}

/** Would raising slot's dual by `cut` leave every seated row (other than its future owner) content? */
function cutIsSafe(state: SlotState, slot: number, cut: number): boolean {
  const { penalty, big } = state.graph;
  const g = state.slotGroup[slot]!;
  for (let t = state.groupStart[g]!; t < state.groupStart[g + 1]!; t++) {
    const i = state.groupRows[t]!;
    if (state.rowSlot[i]! < 0) continue;
    const reduced = penalty[slot]! - big - state.groupScores[t]! - state.rowDual(i) - state.v[slot]!;
    if (reduced < cut) return false;
  }
  return true;
}
