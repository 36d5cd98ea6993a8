import { mention } from '../../domain/ids';
import { mentees } from '../../domain/member';
import { fail, ok } from '../../domain/result';
import { explainPair } from '../../matching/explain-pair';
import { buildScoringModel } from '../../matching/scoring-model';
import { privateReply, type CommandContext, type UseCaseResult } from '../command-context';
import { requireMember } from './require-member';
import { buildMatchPool } from './rounds/build-match-pool';

const LIMIT = 5;

/** My best possible mentors right now (same rules and scores as a round), each with a Request button. */
export async function suggest(ctx: CommandContext): Promise<UseCaseResult> {
  const me = await requireMember(ctx);
  if (!me.ok) return me;
  if (!mentees(me.value.role)) return fail('not_mentee', 'Suggestions are for mentees; you joined as a mentor.');
  const { pool, members } = await buildMatchPool(ctx);
  const self = pool.mentees.find((e) => e.id === ctx.actor.id);
  if (!self) {
    return fail(
      'not_available',
      'You are paused or already have as many mentors as this community allows, so there is nothing to suggest.',
    );
  }
  const model = buildScoringModel({ ...pool, mentees: [self] });
  const ranked = pool.mentors
    .map((mentor, j) => ({ mentor, j, score: model.allowedScore(0, j) }))
    .filter((c) => !Number.isNaN(c.score))
    .sort((a, b) => b.score - a.score || a.j - b.j)
    .slice(0, LIMIT);
  if (ranked.length === 0) {
    return ok(
      privateReply(
        'No mentor with room fits you right now (language, past pairings or capacity); you go into the next round.',
      ),
    );
  }
  const lines = ranked.map(
    (c, n) =>
      `${n + 1}. ${mention(c.mentor.id)} · ${c.score.toFixed(2)} · ${explainPair(model, 0, c.j, undefined).join('; ')}`,
  );
  return ok(
    privateReply(['Your best mentors right now:', ...lines, 'Ask one with `/mentor request @mentor`.'].join('\n'), {
      actions: ranked.map((c) => ({
        label: `Ask ${members.get(c.mentor.id)?.displayName ?? 'this mentor'}`,
        command: `request ${mention(c.mentor.id)}`,
      })),
    }),
  );
}
