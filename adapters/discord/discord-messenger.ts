import { ChannelType, DiscordAPIError, RateLimitError, Routes, type REST } from 'discord.js';
import type { BotMessage } from '../../src/domain/message';
import type { Logger } from '../../src/ports/logger';
import { PermanentDeliveryError, RateLimitedError, type Messenger } from '../../src/ports/messenger';
import { discordCommunityId, discordPartsOf } from './discord-ids';
import { renderDiscordMessage } from './render-discord-message';

/** "Cannot send messages to this user": DMs closed, or no server in common. */
const DMS_CLOSED = 50007;
/** Unknown channel: a remembered thread was deleted. */
const UNKNOWN_CHANNEL = 10003;
/** A private thread stays open a week after its last message. */
const ONE_WEEK_MINUTES = 10080;

export interface DiscordMessengerOptions {
  /** A REST client with the bot token; see discord-platform.ts for its rate-limit settings. */
  rest: REST;
  /** The community's `fallback-channel` (a core lookup), or null when none is configured. */
  fallbackChannelFor(communityId: string): Promise<string | null>;
  logger: Logger;
}

function translate(error: unknown): Error {
  if (error instanceof RateLimitError) return new RateLimitedError(Math.max(error.retryAfter, error.timeToReset, 1));
  // Any other 4xx will fail the same way again (unknown user 10013, missing access 50001, ...).
  if (error instanceof DiscordAPIError && error.status >= 400 && error.status < 500 && error.status !== 429)
    return new PermanentDeliveryError(`Discord: ${error.code} ${error.message}`);
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Sends the bot's messages on Discord as DMs. A pair intro goes to each member of the pair (Discord bots cannot
 * open group DMs); its text names both. When someone's DMs are closed, the message goes to a private thread in
 * the community's fallback channel with only them (and the bot) in it; without that channel, it fails for good
 * and moderators see it as undelivered.
 */
export function discordMessenger(options: DiscordMessengerOptions): Messenger {
  const { rest, logger } = options;
  // Per process only: a lost entry costs one extra API call (a DM channel) or one new thread, never a message.
  const dmChannels = new Map<string, string>();
  const threads = new Map<string, string>();

  async function dmChannelOf(userId: string): Promise<string> {
    const known = dmChannels.get(userId);
    if (known) return known;
    const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as { id: string };
    dmChannels.set(userId, channel.id);
    return channel.id;
  }

  async function inPrivateThread(personId: string, guildId: string, userId: string, body: object): Promise<void> {
    const communityId = discordCommunityId(guildId);
    const channelId = await options.fallbackChannelFor(communityId);
    if (!channelId)
      throw new PermanentDeliveryError(
        'Discord: the member does not accept DMs (50007) and no fallback-channel is set',
      );
    const known = threads.get(personId);
    if (known) {
      try {
        await rest.post(Routes.channelMessages(known), { body });
        return;
      } catch (error) {
        if (!(error instanceof DiscordAPIError && error.code === UNKNOWN_CHANNEL)) throw error;
        threads.delete(personId);
      }
    }
    const thread = (await rest.post(Routes.threads(channelId), {
      body: {
        name: 'Mentoring messages',
        type: ChannelType.PrivateThread,
        invitable: false,
        auto_archive_duration: ONE_WEEK_MINUTES,
      },
    })) as { id: string };
    await rest.put(Routes.threadMembers(thread.id, userId));
    await rest.post(Routes.channelMessages(thread.id), { body });
    threads.set(personId, thread.id);
    // The outbox deletes what was delivered and keeps no delivery notes: the log records the fallback (ids only).
    logger.info({ communityId, personId, channelId, threadId: thread.id }, 'DMs closed; delivered in a private thread');
  }

  async function deliver(personId: string, body: object): Promise<void> {
    const parts = discordPartsOf(personId);
    if (!parts) throw new PermanentDeliveryError(`${personId} is not a Discord member`);
    try {
      await rest.post(Routes.channelMessages(await dmChannelOf(parts.userId)), { body });
    } catch (error) {
      if (!(error instanceof DiscordAPIError && error.code === DMS_CLOSED)) throw error;
      await inPrivateThread(personId, parts.guildId, parts.userId, body);
    }
  }

  return {
    async send(to, message: BotMessage) {
      const recipients = message.kind === 'intro' && message.participants?.length ? message.participants : [to];
      const body = { ...renderDiscordMessage(message), allowed_mentions: { parse: [] } };
      try {
        for (const person of recipients) await deliver(person, body);
      } catch (error) {
        throw translate(error);
      }
    },
  };
}
