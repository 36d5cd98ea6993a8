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
  const note =
    held.length > checked.value.capacity
      ? ` You have ${held.length} mentees now; nobody new is assigned until you are below ${checked.value.capacity}.`
      : '';
  return ok(privateReply(`Profile updated.${note} \`/mentor profile\` shows it.`));
}
