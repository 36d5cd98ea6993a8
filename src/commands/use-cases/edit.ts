import { ok } from '../../domain/result';
import type { ProfileFields } from '../command';
import { privateReply, type CommandContext, type UseCaseResult } from '../command-context';
import { applyProfile, checkProfile } from './join';
import { requireMember } from './require-member';

export async function edit(ctx: CommandContext, fields: ProfileFields): Promise<UseCaseResult> {
  const member = await requireMember(ctx);
  if (!member.ok) return member;
  const checked = checkProfile(applyProfile(member.value, fields));
  if (!checked.ok) return checked;
  await ctx.tx.saveMember(checked.value);
  const held = (await ctx.tx.activePairingsOf(ctx.community.id, ctx.actor.id)).filter(
    (p) => p.mentorId === ctx.actor.id,
  );
  const capacity = checked.value.capacity;
  const note =
    held.length > capacity
      ? ` You have ${held.length} mentees, more than your new capacity of ${capacity}; nobody new is assigned until some pairings end.`
      : '';
  return ok(privateReply(`Profile updated.${note} \`/mentor profile\` shows it.`));
}
