import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../src/commands/command-context';
import { slackPersonId } from './slack-ids';

const TTL_MS = 5 * 60 * 1000;

/**
 * Who is asking, with Slack's own say on moderation (workspace admins and owners), and their profile time
 * zone for forms. Looked up once per person every few minutes, not on every click; a person's requests that
 * arrive while their lookup is under way share it.
 */
export function slackActors() {
  const cache = new Map<string, { entry: Promise<SlackActor>; at: number }>();
  return function actorFor(
    client: WebClient,
    teamId: string,
    userId: string,
    fallbackName: string,
  ): Promise<SlackActor> {
    const key = `${teamId}:${userId}`;
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.entry;
    const entry = lookUp(client, teamId, userId, fallbackName);
    cache.set(key, { entry, at: Date.now() });
    // A failed lookup is not kept: the next request asks again.
    entry.catch(() => cache.get(key)?.entry === entry && cache.delete(key));
    return entry;
  };
}

interface SlackActor {
  actor: Actor;
  timezone: string | null;
}

async function lookUp(client: WebClient, teamId: string, userId: string, fallbackName: string): Promise<SlackActor> {
  const { user } = await client.users.info({ user: userId });
  return {
    actor: {
      id: slackPersonId(teamId, userId),
      displayName: user?.profile?.display_name || user?.real_name || user?.name || fallbackName,
      isAdmin: !!(user?.is_admin || user?.is_owner || user?.is_primary_owner),
    },
    timezone: user?.tz ?? null,
  };
}
