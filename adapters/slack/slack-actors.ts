import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../src/commands/command-context';
import { slackPersonId } from './slack-ids';

const TTL_MS = 5 * 60 * 1000;

/**
 * Who is asking, with Slack's own say on moderation (workspace admins and owners), and their profile time
 * zone for forms. Looked up once per person every few minutes, not on every click.
 */
export function slackActors() {
  const cache = new Map<string, { actor: Actor; timezone: string | null; at: number }>();
  return async function actorFor(
    client: WebClient,
    teamId: string,
    userId: string,
    fallbackName: string,
  ): Promise<{ actor: Actor; timezone: string | null }> {
    const key = `${teamId}:${userId}`;
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit;
    const info = await client.users.info({ user: userId });
    const user = info.user;
    const entry = {
      actor: {
        id: slackPersonId(teamId, userId),
        displayName: user?.profile?.display_name || user?.real_name || user?.name || fallbackName,
        isAdmin: !!(user?.is_admin || user?.is_owner || user?.is_primary_owner),
      },
      timezone: user?.tz ?? null,
      at: Date.now(),
    };
    cache.set(key, entry);
    return entry;
  };
}
