import { fail, ok, type Result } from '../domain/result';
import { explainPair } from './explain-pair';
import { buildScoringModel } from './scoring-model';
import type { MatchPair, MatchPool } from './types';

/**
 * The best mentors one mentee could ask right now (the `suggest` command): every hard rule applies, the
 * mentor needs room for one more, and the score is what a round would give that pair as the mentor's next
 * mentee (base − loadSpread × load). Best first; ties keep the pool's order.
 */
export function suggestMentors(pool: MatchPool, menteeId: string, limit: number): Result<MatchPair[]> {
  const mentee = pool.mentees.find((e) => e.id === menteeId);
  if (mentee === undefined) return fail('unknown_mentee', 'That person is not signed up as a mentee in this pool.');
  // Scoring only this mentee keeps the precomputation proportional to the mentors.
  const model = buildScoringModel({ ...pool, mentees: [mentee] });
  const ranked: { j: number; score: number; penalty: number }[] = [];
  pool.mentors.forEach((_, j) => {
    const base = model.allowedScore(0, j);
    if (Number.isNaN(base)) return;
    const penalty = model.weights.loadSpread * model.load[j]!;
    ranked.push({ j, score: base - penalty, penalty });
  });
  ranked.sort((a, b) => b.score - a.score || a.j - b.j);
  return ok(
    ranked.slice(0, Math.max(0, limit)).map(({ j, score, penalty }) => ({
      mentor: pool.mentors[j]!.id,
      mentee: menteeId,
      score,
      reasons: explainPair(model, 0, j, { load: model.load[j]!, penalty }),
    })),
  );
}
