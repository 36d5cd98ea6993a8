import { mention, type PersonId } from '../../domain/ids';
import { fail, ok } from '../../domain/result';
import { privateReply, type CommandContext, type UseCaseResult } from '../command-context';

/** Private: the other person is never told, and moderators only learn that a pairing is ruled out. */
export async function block(ctx: CommandContext, subject: PersonId): Promise<UseCaseResult> {
  if (subject === ctx.actor.id) return fail('same_person', 'You cannot block yourself.');
  await ctx.tx.addBlock(ctx.community.id, ctx.actor.id, subject, ctx.now);
  const paired = (await ctx.tx.activePairingsOf(ctx.community.id, ctx.actor.id)).some(
    (p) => p.mentorId === subject || p.menteeId === subject,
  );
  const hint = paired ? ' You are paired with them now; `/mentor end ' + mention(subject) + '` ends it.' : '';
  return ok(privateReply(`Done: you will never be paired with ${mention(subject)}. They are not told.${hint}`));
}
