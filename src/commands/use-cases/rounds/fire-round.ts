import { isAvailable } from '../../../domain/member';
import { ok, type Result } from '../../../domain/result';
import { tell, type CommandContext } from '../../command-context';
import { tellModerators } from '../tell-moderators';
import { roundPreview } from './round-preview';
import { roundPublish } from './round-publish';

/**
 * A community's scheduled round fires: draft it, then either publish at once (auto-publish) or remind the
 * members that sign-up closes when the moderators publish, and ask the moderators to review and publish.
 */
export async function fireRound(ctx: CommandContext): Promise<Result<string>> {
  const draft = await roundPreview(ctx);
  if (!draft.ok) return draft;
  if (ctx.community.settings.autoPublish) {
    const published = await roundPublish(ctx);
    return published.ok ? ok(published.value.text) : published;
  }
  for (const member of await ctx.tx.listMembers(ctx.community.id)) {
    if (!isAvailable(member, ctx.now)) continue;
    await tell(ctx, member.id, {
      text: 'A new pairing round is being prepared and closes when the moderators publish it. Is your profile up to date (`/mentor profile`, `/mentor edit`)? Too busy right now? `/mentor pause for 30 days` skips this one.',
    });
  }
  await tellModerators(ctx, {
    text: `The scheduled pairing round is drafted.\n${draft.value.text}`,
    ...(draft.value.actions && { actions: draft.value.actions }),
  });
  return ok(draft.value.text);
}
