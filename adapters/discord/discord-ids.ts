/**
 * Discord servers (guilds) are communities `discord:G…`; people are `discord:G…:U…`, mirroring Slack's
 * `slack:T…:U…`, so the same Discord user in two servers is two members with separate data.
 */
export const discordCommunityId = (guildId: string): string => `discord:${guildId}`;
export const discordPersonId = (guildId: string, userId: string): string => `discord:${guildId}:${userId}`;

/** The guild and user inside one of our person ids, or null for someone from another platform. */
export function discordPartsOf(personId: string): { guildId: string; userId: string } | null {
  const match = /^discord:(\d+):(\d+)$/.exec(personId);
  return match ? { guildId: match[1]!, userId: match[2]! } : null;
}

/** Discord writes mentions as `<@123>` or `<@!123>`; the core reads `<@discord:G:123>`. */
export const toCoreText = (guildId: string, text: string): string =>
  text.replace(/<@!?(\d+)>/g, (_m, user: string) => `<@${discordPersonId(guildId, user)}>`);

/** The core's mention tokens back into Discord mentions (people of other platforms keep a readable id). */
export const toDiscordText = (text: string): string => text.replace(/<@discord:\d+:(\d+)>/g, '<@$1>');
