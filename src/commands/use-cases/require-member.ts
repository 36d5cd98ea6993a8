import type { Member } from '../../domain/member';
import { fail, ok, type Result } from '../../domain/result';
import type { CommandContext } from '../command-context';

/** The actor's profile, or the sentence telling them to join first. `left` members count as not joined. */
export async function requireMember(ctx: CommandContext): Promise<Result<Member>> {
  const member = await ctx.tx.findMember(ctx.community.id, ctx.actor.id);
  if (!member || member.status === 'left') {
    return fail('not_member', 'You have not joined yet; start with `/mentor join mentor`, `mentee` or `both`.');
  }
  return ok(member);
}

export function moderatorOnly(ctx: CommandContext, command: string): Result<true> {
  return ctx.isModerator
    ? ok(true)
    : fail('not_moderator', `Only moderators can use \`/mentor ${command}\`; ask one of your community's moderators.`);
}
