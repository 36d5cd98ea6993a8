/**
 * One streaming pass over every (row, group) score that keeps, per row, the K best allowed groups (ties: the
 * earlier group) and remembers what the proof needs about the rest: how many allowed pairs were dropped and
 * an upper bound on their scores (the K-th kept score). Also records the score range of all allowed pairs,
 * which fixes the integer scale. Memory is rows × K, never rows × groups.
 */
export interface Candidates {
  /** Per row, the kept groups and their (float) scores, best first. */
  groups: Int32Array[];
  scores: Float64Array[];
  /** Allowed pairs per row, kept or not. */
  allowed: Int32Array;
  /** Best score among a row's dropped pairs is at most this (−Infinity when nothing was dropped). */
  droppedBound: Float64Array;
  minScore: number;
  maxScore: number;
}

export function selectCandidates(
  rows: number,
  groupCount: number,
  capacity: Int32Array,
  limit: number,
  fillRow: (row: number, out: Float64Array) => void,
): Candidates {
  const k = Math.max(1, Math.min(limit, groupCount));
  const keepAll = k >= groupCount;
  const row = new Float64Array(groupCount);
  const topScore = new Float64Array(k);
  const topGroup = new Int32Array(k);
  const out: Candidates = {
    groups: [],
    scores: [],
    allowed: new Int32Array(rows),
    droppedBound: new Float64Array(rows).fill(-Infinity),
    minScore: Infinity,
    maxScore: -Infinity,
  };
  for (let r = 0; r < rows; r++) {
    fillRow(r, row);
    let count = 0;
    let allowed = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (let g = 0; g < groupCount; g++) {
      const s = row[g]!;
      if (s !== s || capacity[g]! <= 0) continue; // NaN: a hard rule forbids the pair
      allowed++;
      if (s < lo) lo = s;
      if (s > hi) hi = s;
      if (keepAll) {
        topScore[count] = s;
        topGroup[count++] = g;
        continue;
      }
      if (count === k && s <= topScore[k - 1]!) continue;
      let at = count < k ? count++ : k - 1;
      while (at > 0 && topScore[at - 1]! < s) {
        topScore[at] = topScore[at - 1]!;
        topGroup[at] = topGroup[at - 1]!;
        at--;
      }
      topScore[at] = s;
      topGroup[at] = g;
    }
    out.groups.push(topGroup.slice(0, count));
    out.scores.push(topScore.slice(0, count));
    out.allowed[r] = allowed;
    if (allowed > count) out.droppedBound[r] = topScore[count - 1]!;
    if (lo < out.minScore) out.minScore = lo;
    if (hi > out.maxScore) out.maxScore = hi;
  }
  return out;
}
