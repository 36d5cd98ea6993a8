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
  /** Per row, the kept groups and their (float) scores: row-side best first, then group-side additions. */
  groups: Int32Array[];
  scores: Float64Array[];
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
  const out: Candidates = {
    groups: [],
    scores: [],
    allowed: new Int32Array(rows),
    droppedBound: new Float64Array(rows).fill(-Infinity),
    levels,
  };
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
    out.groups.push(topGroup.slice(0, count));
    out.scores.push(topScore.slice(0, count));
    out.allowed[r] = allowed;
    if (allowed > count) out.droppedBound[r] = topScore[count - 1]!;
  }
  if (l > 0) addGroupSide(out, heapScore, heapRow, groupCount, l);
  return out;
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

function addGroupSide(out: Candidates, heapScore: Float64Array, heapRow: Int32Array, groupCount: number, l: number) {
  const extraGroups: number[][] = out.groups.map(() => []);
  const extraScores: number[][] = out.groups.map(() => []);
  for (let g = 0; g < groupCount; g++) {
    for (let t = g * l; t < g * l + l; t++) {
      const r = heapRow[t]!;
      if (r < 0 || out.groups[r]!.includes(g)) continue;
      extraGroups[r]!.push(g);
      extraScores[r]!.push(heapScore[t]!);
    }
  }
  for (let r = 0; r < out.groups.length; r++) {
    if (extraGroups[r]!.length === 0) continue;
    out.groups[r] = Int32Array.from([...out.groups[r]!, ...extraGroups[r]!]);
    out.scores[r] = Float64Array.from([...out.scores[r]!, ...extraScores[r]!]);
  }
}
