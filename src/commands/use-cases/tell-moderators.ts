import type { BotMessage } from '../../domain/message';
import { tell, type CommandContext } from '../command-context';

/**
 * Alerts go to the moderators named in the community's configuration (`config moderators add @someone`);
 * platform admins are not listed anywhere the core can see. Returns how many were told.
 */
export async function tellModerators(ctx: CommandContext, message: BotMessage): Promise<number> {
  for (const moderator of ctx.community.settings.moderators) await tell(ctx, moderator, message);
  return ctx.community.settings.moderators.length;
}
