import { mention, type PersonId } from '../../../domain/ids';
import { plural } from '../../../domain/plural';
import { fail, ok } from '../../../domain/result';
import { privateReply, tell, type CommandContext, type UseCaseResult } from '../../command-context';
import { createPairing } from '../create-pairing';
import { moderatorOnly } from '../require-member';

const NO_DRAFT = 'There is no draft round to publish; start one with `/mentor round preview`.';

/**
 * Turns the draft into pairings in this one transaction. The draft row stays locked throughout, so a second
 * moderator publishing at the same moment waits, then finds nothing left to publish. A pair that no longer
 * passes the rules (someone paused, left or filled up since the preview) is skipped and reported.
 */
export async function roundPublish(ctx: CommandContext): Promise<UseCaseResult> {
  const allowed = moderatorOnly(ctx, 'round publish');
  if (!allowed.ok) return allowed;
  const round = await ctx.tx.lockDraftRound(ctx.community.id);
  if (!round) {
    const last = await ctx.tx.latestRound(ctx.community.id);
    const next = 'start the next one with `/mentor round preview`.';
    return fail('no_draft', last?.status === 'published' ? `Round ${last.id} is already published; ${next}` : NO_DRAFT);
  }
  const matched: PersonId[] = [];
  const skipped: string[] = [];
  const leftOut = [...round.draft.unmatched];
  for (const pair of round.draft.pairs) {
    const created = await createPairing(ctx, pair.mentor, pair.mentee, 'round', {
      reasons: pair.reasons,
      roundId: round.id,
    });
    if (created.ok) {
      matched.push(pair.mentor, pair.mentee);
    } else {
      skipped.push(`${mention(pair.mentor)} → ${mention(pair.mentee)}: ${created.message}`);
      leftOut.push({
        id: pair.mentee,
        reason: 'the mentor chosen for you became unavailable just before the round was published',
      });
    }
  }
  for (const person of leftOut) {
    await tell(ctx, person.id, {
      text: `No mentor for you this round, sorry: ${person.reason}. You go first in the next round; \`/mentor suggest\` shows mentors you can ask directly now.`,
    });
  }
  await ctx.tx.setPriority(ctx.community.id, matched, false);
  await ctx.tx.setPriority(
    ctx.community.id,
    leftOut.map((u) => u.id),
    true,
  );
  await ctx.tx.closeRound(round.id, 'published', ctx.actor.id, ctx.now);
  await ctx.tx.audit(
    ctx.community.id,
    ctx.actor.id,
    'round publish',
    { roundId: round.id, pairs: matched.length / 2, skipped: skipped.length },
    ctx.now,
  );
  const lines = [
    `Round ${round.id} published: ${plural(matched.length / 2, 'pair')} introduced, ${plural(leftOut.length, 'person', 'people')} told why they were not matched.`,
    ...(skipped.length ? ['Skipped because things changed since the preview:', ...skipped] : []),
  ];
  return ok(privateReply(lines.join('\n'), { visibility: 'private' }));
}

export async function roundCancel(ctx: CommandContext): Promise<UseCaseResult> {
  const allowed = moderatorOnly(ctx, 'round cancel');
  if (!allowed.ok) return allowed;
  const round = await ctx.tx.lockDraftRound(ctx.community.id);
  if (!round) return fail('no_draft', 'There is no draft round to cancel.');
  await ctx.tx.closeRound(round.id, 'cancelled', ctx.actor.id, ctx.now);
  await ctx.tx.audit(ctx.community.id, ctx.actor.id, 'round cancel', { roundId: round.id }, ctx.now);
  return ok(privateReply(`Draft round ${round.id} cancelled; nobody was told anything.`));
}
