import { stringify } from 'csv-stringify/sync';
import type { MatchResult } from '../types';
import type { MatchFileFormat } from './parsed-match-input';

/** Four decimals: enough to rank, few enough to read; never "-0". */
const round4 = (x: number): number => {
  const r = Math.round(x * 1e4) / 1e4;
  return Object.is(r, -0) ? 0 : r;
};

/**
 * Output files for `mentor-bot match`.
 *
 * JSON: { "pairs": [{ "mentor": "m1", "mentee": "e1", "score": 0.8, "reasons": ["…"] }],
 *         "unmatched": [{ "id": "e2", "reason": "…" }], "totalScore": 0.8 }
 *
 * CSV: header mentor,mentee,score,reasons; one row per pair (reasons joined with "; "), then one row per
 *      unmatched mentee with an empty mentor and score and the reason in the reasons column:
 *        m1,e1,0.8,shares its 1 goal: pricing; 6 h of shared working hours
 *        ,e2,,no mentor shares a language
 *      The total score is not repeated in CSV (it is the sum of the score column).
 *
 * Scores are rounded to 4 decimals.
 */
export function formatMatchOutput(result: MatchResult, format: MatchFileFormat): string {
  if (format === 'json') {
    const out = {
      pairs: result.pairs.map((p) => ({
        mentor: p.mentor,
        mentee: p.mentee,
        score: round4(p.score),
        reasons: p.reasons,
      })),
      unmatched: result.unmatched.map((u) => ({ id: u.id, reason: u.reason })),
      totalScore: round4(result.totalScore),
    };
    return `${JSON.stringify(out, null, 2)}\n`;
  }
  const rows: string[][] = [['mentor', 'mentee', 'score', 'reasons']];
  for (const p of result.pairs) rows.push([p.mentor, p.mentee, String(round4(p.score)), p.reasons.join('; ')]);
  for (const u of result.unmatched) rows.push(['', u.id, '', u.reason]);
  return stringify(rows);
}
