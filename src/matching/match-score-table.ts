import { DISPLACED_REASON } from './explain-unmatched';
import { formatNumber } from './format-number';
import { solveAssignment } from './solve-assignment';
import type { MatchPair, MatchResult, Unmatched } from './types';

export interface ScoreTable {
  mentors: { id: string; capacity: number }[];
  menteeIds: string[];
  /** [mentor, mentee, score]; only listed pairs are allowed; a pair listed twice keeps its last score. */
  scores: [string, string, number][];
}

/**
 * Matching from an explicit score table (a coordinator's spreadsheet). Objective, exactly: most mentees
 * matched, then the largest sum of the given scores, under the mentors' capacities — no other terms, no
 * load spreading, negative scores allowed. Ids must be known (the offline parser checks them): an unknown
 * id here is a bug and throws.
 */
export function matchScoreTable(table: ScoreTable): MatchResult {
  const mentorAt = new Map(table.mentors.map((m, g) => [m.id, g] as const));
  const menteeAt = new Map(table.menteeIds.map((id, r) => [id, r] as const));
  const capacity = Int32Array.from(table.mentors, (m) => Math.max(0, Math.floor(m.capacity)));
  const listed: Map<number, number>[] = table.menteeIds.map(() => new Map());
  let lo = Infinity;
  let hi = -Infinity;
  for (const [mentor, mentee, score] of table.scores) {
    const g = mentorAt.get(mentor);
    const r = menteeAt.get(mentee);
    if (g === undefined || r === undefined)
      throw new Error(`score table names unknown ${g === undefined ? `mentor ${mentor}` : `mentee ${mentee}`}`);
    if (!Number.isFinite(score)) throw new Error(`score for ${mentor}, ${mentee} is not a finite number`);
    listed[r]!.set(g, score);
    lo = Math.min(lo, score);
    hi = Math.max(hi, score);
  }
  const scoreOne = (r: number, g: number): number => (capacity[g]! > 0 ? (listed[r]!.get(g) ?? NaN) : NaN);
  const solved = solveAssignment({
    rows: table.menteeIds.length,
    groups: table.mentors.length,
    capacity,
    penaltyBase: new Float64Array(table.mentors.length),
    penaltyStep: 0,
    fillRow: (r, out) => {
      out.fill(NaN);
      for (const [g, s] of listed[r]!) if (capacity[g]! > 0) out[g] = s;
    },
    scoreOne,
    scoreRange: Number.isFinite(lo) ? [lo, hi] : [0, 0],
    candidatesPerRow: Infinity,
  });

  const pairs: MatchPair[] = [];
  const unmatched: Unmatched[] = [];
  let totalScore = 0;
  table.menteeIds.forEach((id, r) => {
    const g = solved.groupOf[r]!;
    if (g >= 0) {
      const score = listed[r]!.get(g)!;
      totalScore += score;
      pairs.push({
        mentor: table.mentors[g]!.id,
        mentee: id,
        score,
        reasons: [`score ${formatNumber(score, 4)} from the table`],
      });
      return;
    }
    let reason = DISPLACED_REASON;
    if (table.mentors.length === 0) reason = 'no mentors signed up';
    else if (listed[r]!.size === 0) reason = 'no score listed with any mentor';
    else if ([...listed[r]!.keys()].every((m) => capacity[m] === 0)) reason = 'every mentor listed for you is full';
    unmatched.push({ id, reason });
  });
  return { pairs, unmatched, totalScore, proof: solved.proof };
}
