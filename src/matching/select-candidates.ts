/**
 * One streaming pass over every (row, group) score that builds the graph the solver starts from, from both
 * sides: each row keeps its K best groups, and each group keeps its L best rows. Row-side lists alone
 * describe a distorted market — every mentee lists the same popular mentors, so those look scarce and
 * the rest look unwanted — and the proof then has to add thousands of pairs back. The group-side lists give
 * every mentor the mentees it would serve best, which is usually all the optimum needs.
 *
 * Also remembers what the proof needs about the pairs left out: how many allowed pairs each row has, and an
 * upper bound on the scores of those dropped (the K-th best row-side score). Memory is (rows × K + groups × L),
 * never rows × groups. fillRow must give NaN for every forbidden pair, a full mentor included.
 */
export interface Candidates {
  /** CSR: row r keeps groups[start[r] .. start[r + 1]) with their (float) scores; row-side best first. */
  start: Int32Array;
  groups: Int32Array;
  scores: Float64Array;
  /** Allowed pairs per row, kept or not. */
  allowed: Int32Array;
  /** Best score among a row's dropped pairs is at most this (−Infinity when nothing was dropped). */
  droppedBound: Float64Array;
  /** Optional: every score quantised to one byte (rows × groups), 0 = forbidden; see ScoreLevels. */
  levels: ScoreLevels | undefined;
}

/**
 * A one-byte summary of every score, so the proof can dismiss most pruned pairs without scoring them again:
 * level q ≥ 1 means score < lo + q × step (or ≤ hi for the top level). 33 MB for ten thousand mentees ×
 * three thousand mentors; not kept when the table would be much larger.
 */
export interface ScoreLevels {
  data: Uint8Array;
  lo: number;
  hi: number;
  step: number;
}

export function scoreLevels(rows: number, groups: number, lo: number, hi: number): ScoreLevels {
  return { data: new Uint8Array(rows * groups), lo, hi, step: hi > lo ? (hi - lo) / 254 : 1 };
}

export function selectCandidates(
  rows: number,
  groupCount: number,
  perRow: number,
  perGroup: number,
  fillRow: (row: number, out: Float64Array) => void,
  levels?: ScoreLevels,
): Candidates {
  const k = Math.max(1, Math.min(perRow, groupCount));
  const keepAll = k >= groupCount;
  const l = keepAll ? 0 : Math.max(0, Math.min(perGroup, rows));
  const row = new Float64Array(groupCount);
  const topScore = new Float64Array(k);
  const topGroup = new Int32Array(k);
  // Per group a min-heap of its l best rows, flat: entries g*l .. g*l+l-1; bar = the heap's minimum.
  const heapScore = new Float64Array(groupCount * l).fill(-Infinity);
  const heapRow = new Int32Array(groupCount * l).fill(-1);
  const groupBar = new Float64Array(groupCount).fill(l > 0 ? -Infinity : Infinity);
  const allowedOf = new Int32Array(rows);
  const droppedBound = new Float64Array(rows).fill(-Infinity);
  // Row-side lists, appended row after row (flat, grown by doubling: one allocation, not one per row).
  const keptStart = new Int32Array(rows + 1);
  let keptGroups = new Int32Array(Math.max(16, Math.min(rows * k, 1 << 20)));
  let keptScores = new Float64Array(keptGroups.length);
  const levelData = levels?.data;
  const levelLo = levels?.lo ?? 0;
  const levelScale = 1 / (levels?.step ?? 1);
  for (let r = 0; r < rows; r++) {
    fillRow(r, row);
    const levelBase = r * groupCount;
    let count = 0;
    let allowed = 0;
    // Entry bar for the row's list: −Infinity until it is full, then its last score (ties keep the earlier group).
    let bar = -Infinity;
    for (let g = 0; g < groupCount; g++) {
      const s = row[g]!;
      if (s !== s) continue; // NaN: a hard rule forbids the pair (its level stays 0)
      allowed++;
      if (levelData !== undefined) {
        // Truncation is floor here (the argument is ≥ 0 up to rounding); the clamp absorbs rounding at both ends.
        const q = ((s - levelLo) * levelScale + 1) | 0;
        levelData[levelBase + g] = q < 1 ? 1 : q > 255 ? 255 : q;
      }
      if (s > groupBar[g]!) groupBar[g] = replaceMin(heapScore, heapRow, g * l, l, s, r);
      if (s <= bar) continue;
      if (keepAll) {
        topScore[count] = s;
        topGroup[count++] = g;
        continue;
      }
      let at = count < k ? count++ : k - 1;
      while (at > 0 && topScore[at - 1]! < s) {
        topScore[at] = topScore[at - 1]!;
        topGroup[at] = topGroup[at - 1]!;
        at--;
      }
      topScore[at] = s;
      topGroup[at] = g;
      if (count === k) bar = topScore[k - 1]!;
    }
    const at = keptStart[r]!;
    if (at + count > keptGroups.length) {
      const size = Math.max(at + count, keptGroups.length * 2);
      const grownGroups = new Int32Array(size);
      const grownScores = new Float64Array(size);
      grownGroups.set(keptGroups);
      grownScores.set(keptScores);
      keptGroups = grownGroups;
      keptScores = grownScores;
    }
    keptGroups.set(topGroup.subarray(0, count), at);
    keptScores.set(topScore.subarray(0, count), at);
    keptStart[r + 1] = at + count;
    allowedOf[r] = allowed;
    if (allowed > count) droppedBound[r] = topScore[count - 1]!;
  }
  return withGroupSide(keptStart, keptGroups, keptScores, heapScore, heapRow, l, {
    allowed: allowedOf,
    droppedBound,
    levels,
  });
}

/** Replaces the minimum of a flat min-heap segment with (s, r) and returns the new minimum. */
function replaceMin(score: Float64Array, row: Int32Array, base: number, size: number, s: number, r: number): number {
  let at = 0;
  for (;;) {
    let child = 2 * at + 1;
    if (child >= size) break;
    if (child + 1 < size && score[base + child + 1]! < score[base + child]!) child++;
    if (score[base + child]! >= s) break;
    score[base + at] = score[base + child]!;
    row[base + at] = row[base + child]!;
    at = child;
  }
  score[base + at] = s;
  row[base + at] = r;
  return score[base]!;
}

/** Merges each group's best rows into the row lists (skipping pairs a row already keeps) as one CSR. */
function withGroupSide(
  keptStart: Int32Array,
  keptGroups: Int32Array,
  keptScores: Float64Array,
  heapScore: Float64Array,
  heapRow: Int32Array,
  l: number,
  rest: Pick<Candidates, 'allowed' | 'droppedBound' | 'levels'>,
): Candidates {
  const rows = keptStart.length - 1;
  const isNew = new Uint8Array(heapRow.length);
  const extra = new Int32Array(rows);
  for (let t = 0; t < heapRow.length; t++) {
    const r = heapRow[t]!;
    if (r < 0) continue;
    const g = (t / l) | 0;
    let kept = false;
    for (let e = keptStart[r]!; e < keptStart[r + 1]! && !kept; e++) kept = keptGroups[e] === g;
    if (kept) continue;
    isNew[t] = 1;
    extra[r]!++;
  }
  const start = new Int32Array(rows + 1);
  for (let r = 0; r < rows; r++) start[r + 1] = start[r]! + keptStart[r + 1]! - keptStart[r]! + extra[r]!;
  const groups = new Int32Array(start[rows]!);
  const scores = new Float64Array(start[rows]!);
  const fill = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    const n = keptStart[r + 1]! - keptStart[r]!;
    groups.set(keptGroups.subarray(keptStart[r]!, keptStart[r + 1]!), start[r]!);
    scores.set(keptScores.subarray(keptStart[r]!, keptStart[r + 1]!), start[r]!);
    fill[r] = start[r]! + n;
  }
  for (let t = 0; t < heapRow.length; t++) {
    if (isNew[t] === 0) continue;
    const r = heapRow[t]!;
    const at = fill[r]!++;
    groups[at] = (t / l) | 0;
    scores[at] = heapScore[t]!;
  }
  return { start, groups, scores, ...rest };
}
