export interface DenseAssignment {
  /** assignment[row] = column. */
  assignment: Int32Array;
  /** Σ cost[row][assignment[row]], from the original costs. */
  total: number;
}

/**
 * Minimum-cost perfect assignment of an n × n cost matrix (row-major Float64Array or number[][]), by
 * Jonker & Volgenant's method (Computing 38, 1987): O(n³) worst case, close to O(n²) on most inputs.
 *  1. column reduction: each column's price is its smallest cost, and the row holding it takes it if free;
 *  2. reduction transfer: a row holding one column passes on its slack to that column's price;
 *  3. augmenting row reduction (two passes): free rows bid for their cheapest column, raising its price to
 *     their second-cheapest, and the row they displace bids next — an auction without ε;
 *  4. the few rows still free get a shortest augmenting path (Dijkstra on reduced costs), scanning all
 *     columns at the current minimum distance together so that a free one among them ends the search early.
 * Exact for integer costs; with fractional costs, optimal up to floating-point rounding in the prices.
 */
export function solveDenseAssignment(cost: Float64Array | number[][], n: number): DenseAssignment {
  const c = flatten(cost, n);
  if (n === 0) return { assignment: new Int32Array(0), total: 0 };
  const x = new Int32Array(n).fill(-1); // row → column
  const y = new Int32Array(n).fill(-1); // column → row
  const v = new Float64Array(n);
  let free = reduceColumns(c, n, x, y, v);
  for (let pass = 0; pass < 2 && free.length > 0; pass++) free = augmentingRowReduction(c, n, x, y, v, free);
  const d = new Float64Array(n);
  const pred = new Int32Array(n);
  const cols = new Int32Array(n);
  for (const f of free) augment(c, n, x, y, v, f, d, pred, cols);
  let total = 0;
  for (let i = 0; i < n; i++) total += c[i * n + x[i]!]!;
  return { assignment: x, total };
}

function flatten(cost: Float64Array | number[][], n: number): Float64Array {
  if (cost instanceof Float64Array) {
    if (cost.length !== n * n) throw new Error(`expected ${n * n} costs, got ${cost.length}`);
    return cost;
  }
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = cost[i];
    if (row === undefined || row.length !== n) throw new Error(`row ${i} must have ${n} costs`);
    c.set(row, i * n);
  }
  return c;
}

/** Steps 1 and 2; returns the rows left free. */
function reduceColumns(c: Float64Array, n: number, x: Int32Array, y: Int32Array, v: Float64Array): number[] {
  const matches = new Int32Array(n);
  // Reverse column order, as in the paper: ties then favour low column indices for low rows.
  for (let j = n - 1; j >= 0; j--) {
    let best = c[j]!;
    let bestRow = 0;
    for (let i = 1; i < n; i++) {
      const h = c[i * n + j]!;
      if (h < best) {
        best = h;
        bestRow = i;
      }
    }
    v[j] = best;
    if (++matches[bestRow]! === 1) {
      x[bestRow] = j;
      y[j] = bestRow;
    }
  }
  const free: number[] = [];
  for (let i = 0; i < n; i++) {
    if (matches[i] === 0) {
      free.push(i);
      continue;
    }
    if (matches[i] !== 1) continue;
    // The row's slack beyond its only column moves into that column's price.
    const j1 = x[i]!;
    let slack = Infinity;
    for (let j = 0; j < n; j++) if (j !== j1) slack = Math.min(slack, c[i * n + j]! - v[j]!);
    if (slack < Infinity) v[j1]! -= slack;
  }
  return free;
}

/** Step 3, one pass; returns the rows still free. */
function augmentingRowReduction(
  c: Float64Array,
  n: number,
  x: Int32Array,
  y: Int32Array,
  v: Float64Array,
  free: number[],
): number[] {
  const next: number[] = [];
  const stack = free.slice().reverse();
  // Price wars are finite but can be long with fractional costs; past this many bids the rest go to step 4.
  let budget = 16 * n + 64;
  while (stack.length > 0) {
    const i = stack.pop()!;
    if (budget-- <= 0) {
      next.push(i);
      continue;
    }
    let u1 = Infinity;
    let u2 = Infinity;
    let j1 = -1;
    let j2 = -1;
    const base = i * n;
    for (let j = 0; j < n; j++) {
      const h = c[base + j]! - v[j]!;
      if (h < u2) {
        if (h >= u1) {
          u2 = h;
          j2 = j;
        } else {
          u2 = u1;
          j2 = j1;
          u1 = h;
          j1 = j;
        }
      }
    }
    let displaced = y[j1]!;
    if (u1 < u2) {
      if (u2 < Infinity) v[j1]! -= u2 - u1; // (u2 is infinite only when there is a single column)
    } else if (displaced >= 0 && j2 >= 0) {
      // A tie: take the other equally cheap column instead of displacing for nothing.
      j1 = j2;
      displaced = y[j2]!;
    }
    x[i] = j1;
    y[j1] = i;
    if (displaced >= 0) {
      x[displaced] = -1;
      if (u1 < u2) stack.push(displaced);
      else next.push(displaced);
    }
  }
  return next;
}

/** Step 4: one shortest augmenting path from free row f (dense Dijkstra, JV's column lists). */
function augment(
  c: Float64Array,
  n: number,
  x: Int32Array,
  y: Int32Array,
  v: Float64Array,
  f: number,
  d: Float64Array,
  pred: Int32Array,
  cols: Int32Array,
): void {
  for (let j = 0; j < n; j++) {
    d[j] = c[f * n + j]! - v[j]!;
    pred[j] = f;
    cols[j] = j;
  }
  // cols[0, low): scanned; cols[low, up): at the current minimum, to scan; cols[up, n): not yet reached.
  let low = 0;
  let up = 0;
  let last = 0;
  let min = 0;
  let end = -1;
  while (end < 0) {
    if (up === low) {
      last = low;
      min = d[cols[up++]!]!;
      for (let k = up; k < n; k++) {
        const j = cols[k]!;
        const h = d[j]!;
        if (h <= min) {
          if (h < min) {
            up = low;
            min = h;
          }
          cols[k] = cols[up]!;
          cols[up++] = j;
        }
      }
      for (let k = low; k < up; k++) {
        if (y[cols[k]!]! < 0) {
          end = cols[k]!;
          break;
        }
      }
      if (end >= 0) break;
    }
    const j1 = cols[low++]!;
    const i = y[j1]!;
    const base = i * n;
    const u1 = c[base + j1]! - v[j1]! - min;
    for (let k = up; k < n; k++) {
      const j = cols[k]!;
      const h = c[base + j]! - v[j]! - u1;
      if (h < d[j]!) {
        pred[j] = i;
        if (h === min) {
          if (y[j]! < 0) {
            end = j;
            break;
          }
          cols[k] = cols[up]!;
          cols[up++] = j;
        }
        d[j] = h;
      }
    }
  }
  // Scanned columns get cheaper by how much nearer they were than the path's end (keeps reduced costs ≥ 0).
  for (let k = 0; k < last; k++) {
    const j = cols[k]!;
    v[j]! += d[j]! - min;
  }
  for (;;) {
    const i = pred[end]!;
    y[end] = i;
    const previous = x[i]!;
    x[i] = end;
    if (i === f) break;
    end = previous;
  }
}
