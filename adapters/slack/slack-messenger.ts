import type { WebClient } from '@slack/web-api';
import type { BotMessage } from '../../src/domain/message';
import { PermanentDeliveryError, RateLimitedError, type Messenger } from '../../src/ports/messenger';
import { renderSlackMessage } from './render-slack-message';
import { slackUserIdOf } from './slack-ids';

/** Slack errors that no retry can fix: the person is gone, or cannot be messaged by the bot. */
const PERMANENT = new Set([
  'user_not_found',
  'channel_not_found',
  'account_inactive',
  'user_disabled',
  'cannot_dm_bot',
  'is_archived',
  'messages_tab_disabled',
  'not_in_channel',
  'invalid_auth',
  'token_revoked',
  'team_access_not_granted',
]);

interface SlackError {
  code?: string;
  data?: { error?: string };
  retryAfter?: number;
}

function translate(error: unknown): Error {
  const e = error as SlackError;
  if (e.code === 'slack_webapi_rate_limited_error') return new RateLimitedError((e.retryAfter ?? 1) * 1000);
  const reason = e.data?.error;
  if (reason && PERMANENT.has(reason)) return new PermanentDeliveryError(`Slack: ${reason}`);
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Sends the bot's messages on Slack: a pair intro in one group DM with both people, anything else as a DM.
 * `clientFor` gives the workspace's Web API client (one token, or the installation's in multi-workspace mode);
 * clients must be built with `rejectRateLimitedCalls`, so a 429 reaches the outbound queue's Retry-After logic.
 */
export function slackMessenger(clientFor: (teamId: string) => Promise<WebClient>): Messenger {
  return {
    async send(to, message: BotMessage) {
      const team = /^slack:([^:]+):/.exec(to)?.[1];
      const user = team ? slackUserIdOf(to, team) : null;
      if (!team || !user) throw new PermanentDeliveryError(`${to} is not a Slack member`);
      try {
        const client = await clientFor(team);
        const users = (message.kind === 'intro' && message.participants ? message.participants : [to])
          .map((id) => slackUserIdOf(id, team))
          .filter((id): id is string => id !== null);
        const channel =
          users.length > 1 ? ((await client.conversations.open({ users: users.join(',') })).channel?.id ?? user) : user;
        await client.chat.postMessage({ channel, ...renderSlackMessage(message) });
      } catch (error) {
        throw translate(error);
      }
    },
  };
}
