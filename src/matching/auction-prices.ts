import type { SlotGraph } from './slot-state';

export interface AuctionOptions {
  /** What being matched at all is worth here; small, unlike the solver's `big`, so demand that cannot be met stops bidding early instead of starting a price war. */
  outside: number;
  epsStart: number;
  epsEnd: number;
  /** Safety valve: stop early (the prices are only a head start, never needed for correctness). */
  maxBids: number;
}

export interface AuctionResult {
  price: Float64Array;
  rowSlot: Int32Array;
  /** Per group, 1 + the highest slot index that received a bid. */
  reach: Int32Array;
}

/**
 * Approximate market prices for the slots, by Bertsekas' forward auction (Gauss–Seidel, ε-scaling, each
 * mentee may also walk away with value 0). The exact solver starts from these prices: with a market that
 * is already roughly balanced, its shortest-path searches stay short instead of sweeping every contested
 * mentor again and again. Nothing here affects the optimum itself.
 */
export function auctionPrices(graph: SlotGraph, options: AuctionOptions): AuctionResult {
  const { rows, capacity, slotStart, penalty, rowStart, edgeGroup, edgeScore } = graph;
  const groups = capacity.length;
  const nCols = slotStart[groups]!;
  const price = new Float64Array(nCols);
  const owner = new Int32Array(nCols).fill(-1);
  const assigned = new Int32Array(rows).fill(-1);
  const reach = new Int32Array(groups);
  const slotGroup = new Int32Array(nCols);
  for (let g = 0; g < groups; g++) slotGroup.fill(g, slotStart[g]!, slotStart[g + 1]!);
  const queue = new Int32Array(rows + 1);
  let head = 0;
  let tail = 0;
  let waiting = 0;
  const enqueue = (r: number): void => {
    queue[tail] = r;
    tail = tail === rows ? 0 : tail + 1;
    waiting++;
  };
  // Best and second-best value of row i over its slots, "walk away" (0) included.
  let v1 = 0;
  let s1 = -1;
  let v2 = 0;
  const evaluate = (i: number): void => {
    v1 = 0;
    s1 = -1;
    v2 = -Infinity;
    for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) {
      const g = edgeGroup[e]!;
      const a = options.outside + edgeScore[e]!;
      const first = slotStart[g]!;
      const end = first + Math.min(reach[g]! + 1, capacity[g]!);
      for (let col = first; col < end; col++) {
        const val = a - penalty[col]! - price[col]!;
        if (val > v1) {
          v2 = v1;
          v1 = val;
          s1 = col;
        } else if (val > v2) v2 = val;
      }
    }
  };
  let bids = 0;
  let eps = Math.max(1, Math.round(options.epsStart));
  const epsEnd = Math.max(1, Math.round(options.epsEnd));
  for (;;) {
    for (let r = 0; r < rows; r++) {
      if (assigned[r]! >= 0) owner[assigned[r]!] = -1;
      assigned[r] = -1;
      enqueue(r);
    }
    while (waiting > 0) {
      const i = queue[head]!;
      head = head === rows ? 0 : head + 1;
      waiting--;
      if (++bids > options.maxBids) return { price, rowSlot: assigned, reach };
      evaluate(i);
      if (s1 < 0) continue; // walking away is best: stays unassigned this phase
      price[s1]! += v1 - v2 + eps;
      const g = slotGroup[s1]!;
      if (s1 - slotStart[g]! + 1 > reach[g]!) reach[g] = s1 - slotStart[g]! + 1;
      const previous = owner[s1]!;
      owner[s1] = i;
      assigned[i] = s1;
      if (previous >= 0) {
        assigned[previous] = -1;
        enqueue(previous);
      }
    }
    if (eps <= epsEnd) return { price, rowSlot: assigned, reach };
    eps = Math.max(epsEnd, Math.floor(eps / 5));
  }
}
