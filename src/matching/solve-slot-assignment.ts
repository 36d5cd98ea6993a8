import { auctionPrices, type AuctionOptions } from './auction-prices';
import { createAugmenter } from './augment-row';
import { createRepairer } from './repair-free-slot';
import { seedFromAuction } from './seed-from-auction';
import { SlotState, type SlotGraph } from './slot-state';

export interface SlotSolver {
  readonly state: SlotState;
  /** Swap in a graph with more edges and re-seat the given rows; the rest of the solution is kept. */
  reopen(graph: SlotGraph, rows: readonly number[]): void;
}

/**
 * Exact sparse min-cost assignment with a warm start:
 *  1. an auction finds approximate slot prices (optional; only speed depends on it);
 *  2. seedFromAuction keeps what is exactly right in the auction's answer (and prices scarce regions for
 *     the real value of a match, so mentees who cannot all be served need no search);
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
  } else seedFromAuction(state, auctionPrices(graph, auction), auction.outside, pending);
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
