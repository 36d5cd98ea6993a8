import type { AuctionResult } from './auction-prices';
import type { SlotState } from './slot-state';

/**
 * Turns the auction's approximate answer into an exact starting point for the shortest-path solver. Nothing
 * here decides the optimum: every row seated (or left out) is checked to be exactly consistent with the
 * duals, and everything else is left to the exact search. It only decides how much searching is left.
 *
 * 1. Scarce regions. The auction lets a mentee walk away when every mentor it could have costs more than
 *    `outside` (a couple of score ranges). The exact problem instead values a match at `big`, so the same
 *    mentee is only content to stay out when those mentors cost more than `big`. Take the slots reachable
 *    from walk-aways by alternating paths (a walk-away's slots, their holders' other slots, and so on). If
 *    that region holds no slot nobody bid for, every slot in it is booked (or was, before the auction's
 *    prices overshot: the repair step later gives such a slot to a walk-away) by mentees with no option
 *    outside it, so raising all its prices by (big − outside) changes no one's preferences inside, makes it dearer
 *    for everyone outside, and makes the walk-aways exactly content to stay out. Without it each of them
 *    would cost a search through the whole market when mentors are short.
 * 2. Seating. A row keeps its auction slot when that slot is exactly its cheapest option (the auction only
 *    promises "within ε"), possibly after cutting the slot's price by the shortfall when no settled row would
 *    then prefer it; a walk-away stays out when no option costs less than staying out. Others are pending.
 */
export function seedFromAuction(state: SlotState, auction: AuctionResult, outside: number, pending: number[]): void {
  const { rows, rowStart, edgeGroup, edgeScore, penalty, big, slotStart } = state.graph;
  const { v, slotGroup } = state;
  state.reach.set(auction.reach);
  fillOvershoot(state, auction, outside);
  for (let s = 0; s < state.nCols; s++) v[s] = -auction.price[s]!;
  raiseScarceRegions(state, auction, big - outside);

  const settled = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const own = auction.rowSlot[i]!;
    const ownGroup = own >= 0 ? slotGroup[own]! : -1;
    let cheapest = Infinity; // cheapest slot, in reduced terms
    let ownScore = 0;
    for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) {
      const g = edgeGroup[e]!;
      const base = -big - edgeScore[e]!;
      if (g === ownGroup) ownScore = edgeScore[e]!;
      for (let s = slotStart[g]!, end = state.slotEnd(g); s < end; s++) {
        cheapest = Math.min(cheapest, base + penalty[s]! - v[s]!);
      }
    }
    if (own < 0) {
      // Staying out costs 0: exactly content when no slot is cheaper.
      if (cheapest >= 0) settled[i] = 1;
      else pending.push(i);
      continue;
    }
    const shortfall = penalty[own]! - big - ownScore - v[own]! - Math.min(0, cheapest);
    if (shortfall > 0 && (v[own]! + shortfall > 0 || !cutIsSafe(state, own, shortfall, settled))) {
      pending.push(i);
      continue;
    }
    if (shortfall > 0) v[own]! += shortfall;
    state.seat(i, own, ownScore);
    settled[i] = 1;
  }
}

/**
 * The auction restarts each ε phase from its current prices, so it can end with a slot nobody holds at a
 * price that priced out a mentee who walked away. One reverse-auction step per such slot: it goes to the
 * walk-away who values it most, at the price that leaves that mentee just content; other walk-aways value
 * it less and stay content outside. (Works on the auction's result in place; exactness is checked later.)
 */
function fillOvershoot(state: SlotState, auction: AuctionResult, outside: number): void {
  const { penalty } = state.graph;
  const owned = new Uint8Array(state.nCols);
  for (const s of auction.rowSlot) if (s >= 0) owned[s] = 1;
  for (let s = 0; s < state.nCols; s++) {
    if (owned[s] === 1 || auction.price[s] === 0) continue;
    const g = state.slotGroup[s]!;
    let best = -1;
    let bestScore = -Infinity;
    for (let t = state.groupStart[g]!; t < state.groupStart[g + 1]!; t++) {
      const i = state.groupRows[t]!;
      if (auction.rowSlot[i]! < 0 && state.groupScores[t]! > bestScore) {
        best = i;
        bestScore = state.groupScores[t]!;
      }
    }
    const price = outside + bestScore - penalty[s]!;
    if (best < 0 || price < 0) continue;
    auction.price[s] = Math.min(auction.price[s]!, price);
    auction.rowSlot[best] = s;
    owned[s] = 1;
  }
}

/** Would raising slot's dual by `cut` leave every settled row (seated or left out) content? */
function cutIsSafe(state: SlotState, slot: number, cut: number, settled: Uint8Array): boolean {
  const { penalty, big } = state.graph;
  const g = state.slotGroup[slot]!;
  for (let t = state.groupStart[g]!; t < state.groupStart[g + 1]!; t++) {
    const i = state.groupRows[t]!;
    if (settled[i] === 0) continue;
    const reduced = penalty[slot]! - big - state.groupScores[t]! - state.rowDual(i) - state.v[slot]!;
    if (reduced < cut) return false;
  }
  return true;
}

/** Step 1: one search from each walk-away; regions that meet are merged (union-find); fully booked ones rise. */
function raiseScarceRegions(state: SlotState, auction: AuctionResult, delta: number): void {
  const { rows, rowStart, edgeGroup, slotStart } = state.graph;
  const owner = new Int32Array(state.nCols).fill(-1);
  for (let r = 0; r < rows; r++) if (auction.rowSlot[r]! >= 0) owner[auction.rowSlot[r]!] = r;
  const regionOf = new Int32Array(state.nCols).fill(-1);
  const rowSeen = new Uint8Array(rows);
  const parent: number[] = [];
  const hasFree: boolean[] = [];
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  const queue: number[] = [];
  for (let w = 0; w < rows; w++) {
    if (auction.rowSlot[w]! >= 0) continue;
    const region = parent.length;
    parent.push(region);
    hasFree.push(false);
    queue.length = 0;
    queue.push(w);
    rowSeen[w] = 1;
    for (let head = 0; head < queue.length; head++) {
      const r = queue[head]!;
      for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) {
        const g = edgeGroup[e]!;
        for (let s = slotStart[g]!, end = state.slotEnd(g); s < end; s++) {
          if (regionOf[s]! >= 0) {
            const other = find(regionOf[s]!);
            if (other !== find(region)) {
              parent[other] = find(region);
              hasFree[find(region)] = hasFree[find(region)]! || hasFree[other]!;
            }
            continue;
          }
          regionOf[s] = region;
          const o = owner[s]!;
          if (o < 0 && auction.price[s] === 0)
            hasFree[find(region)] = true; // a priced empty slot is an auction overshoot: the repair fills it
          else if (rowSeen[o] === 0) {
            rowSeen[o] = 1;
            queue.push(o);
          }
        }
      }
    }
  }
  for (let s = 0; s < state.nCols; s++) {
    if (regionOf[s]! >= 0 && !hasFree[find(regionOf[s]!)]) state.v[s]! -= delta;
  }
}
