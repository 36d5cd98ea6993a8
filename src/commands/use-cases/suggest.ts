import { mention } from '../../domain/ids';
import { mentees } from '../../domain/member';
import { fail, ok } from '../../domain/result';
import { suggestMentors } from '../../matching/suggest-mentors';
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
  const ranked = suggestMentors(pool, ctx.actor.id, LIMIT);
  if (!ranked.ok) {
    return fail(
      'not_available',
      'You are paused or already have as many mentors as this community allows, so there is nothing to suggest.',
    );
  }
  if (ranked.value.length === 0) {
    return ok(
      privateReply(
        'No mentor with room fits you right now (language, past pairings or capacity); you go into the next round.',
      ),
    );
  }
  const lines = ranked.value.map(
    (c, n) => `${n + 1}. ${mention(c.mentor)} · ${c.score.toFixed(2)} · ${c.reasons.join('; ')}`,
  );
  return ok(
    privateReply(['Your best mentors right now:', ...lines, 'Ask one with `/mentor request @mentor`.'].join('\n'), {
      actions: ranked.value.map((c) => ({
        label: `Ask ${members.get(c.mentor)?.displayName ?? 'this mentor'}`,
        command: `request ${mention(c.mentor)}`,
      })),
    }),
  );
}
