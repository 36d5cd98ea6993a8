import { mention, type PersonId } from '../../domain/ids';
import { fail, ok } from '../../domain/result';
import { privateReply, tell, type CommandContext, type UseCaseResult } from '../command-context';

export async function thanks(ctx: CommandContext, subject: PersonId, message: string): Promise<UseCaseResult> {
  if (subject === ctx.actor.id)
    return fail('same_person', 'Thanking yourself is kind, but it does not count; thank someone else.');
  const member = await ctx.tx.findMember(ctx.community.id, subject);
  if (!member || member.status === 'left') return fail('not_member', `${mention(subject)} has not joined the program.`);
  await ctx.tx.addThanks(ctx.community.id, ctx.actor.id, subject, message, ctx.now);
  await tell(ctx, subject, { text: `💛 ${mention(ctx.actor.id)} thanked you: “${message}”` });
  return ok(privateReply(`Thanks sent to ${mention(subject)}; it counts on their profile.`));
}
