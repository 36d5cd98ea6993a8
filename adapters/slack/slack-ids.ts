/** Slack workspaces are communities `slack:T…`; people are `slack:T…:U…`, so the core never branches on platform. */
export const slackCommunityId = (teamId: string): string => `slack:${teamId}`;
export const slackPersonId = (teamId: string, userId: string): string => `slack:${teamId}:${userId}`;

/** The Slack user id inside one of our person ids, or null for someone from another platform or workspace. */
export function slackUserIdOf(personId: string, teamId?: string): string | null {
  const match = /^slack:([^:]+):([^:]+)$/.exec(personId);
  if (!match || (teamId !== undefined && match[1] !== teamId)) return null;
  return match[2]!;
}

/** Slack writes mentions as `<@U123>` or `<@U123|name>`; the core reads `<@slack:T…:U123>`. */
export const toCoreText = (teamId: string, text: string): string =>
  text.replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, user: string) => `<@${slackPersonId(teamId, user)}>`);

/** The core's mention tokens back into Slack mentions (people of other platforms keep a readable id). */
export const toSlackText = (text: string): string =>
  text.replace(/<@slack:[^:>]+:([^>]+)>/g, (_m, user: string) => `<@${user}>`);
