import { Client, Events, GatewayIntentBits, REST, type ClientOptions } from 'discord.js';
import type { CommandRequest } from '../../src/commands/run-command';
import type { Reply } from '../../src/domain/message';
import type { Logger } from '../../src/ports/logger';
import type { Messenger } from '../../src/ports/messenger';
import { discordMessenger } from './discord-messenger';
import { handleDiscordInteraction } from './handle-discord-interaction';

/** Discord allows 50 requests a second per bot; stay a little under it (the outbound queue also limits). */
const REQUESTS_PER_SECOND = 45;
/** Waits for a rate limit up to this long in place; longer ones go back to the outbound queue. */
const WAIT_IN_PLACE_MS = 1000;

export interface DiscordPlatformOptions {
  token: string;
  /** REST base override (`https://discord.com/api` by default); the gateway URL then comes from /gateway/bot. */
  apiUrl?: string | undefined;
  logger: Logger;
  /** The community's fallback channel for people with closed DMs (a core lookup). */
  fallbackChannelFor(communityId: string): Promise<string | null>;
  /** Extra client settings (tests: no identify throttling, short guild wait, no REST retries). */
  clientOptions?: Partial<ClientOptions>;
}

export interface DiscordServeDeps {
  runCommand(request: CommandRequest): Promise<Reply>;
  knownSkills(communityId: string, prefix: string): Promise<string[]>;
}

/** What the bot needs from Discord: a messenger (REST only, for workers) and the gateway client (`serve`). */
export interface DiscordPlatform {
  messenger: Messenger;
  /** Logs in to the gateway and answers `/mentor`; `client.destroy()` disconnects. */
  serve(deps: DiscordServeDeps): Promise<Client>;
}

export function discordPlatform(options: DiscordPlatformOptions): DiscordPlatform {
  // discord.js keeps per-route buckets and waits before a call would hit a known limit. A short wait is cheapest
  // in place; a long one (or a 429 with a long Retry-After) rejects, so the BullMQ job is retried after it and
  // the worker's slot is free meanwhile, as on Slack.
  const rest = new REST({
    ...(options.apiUrl && { api: options.apiUrl }),
    globalRequestsPerSecond: REQUESTS_PER_SECOND,
    rejectOnRateLimit: (limit) => Math.max(limit.retryAfter, limit.timeToReset) > WAIT_IN_PLACE_MS,
    ...options.clientOptions?.rest,
  }).setToken(options.token);
  return {
    messenger: discordMessenger({ rest, fallbackChannelFor: options.fallbackChannelFor, logger: options.logger }),
    async serve(deps) {
      const client = new Client({
        ...options.clientOptions,
        // Interactions arrive without privileged intents; Guilds gives the servers' names and roles.
        intents: [GatewayIntentBits.Guilds],
        rest: { ...(options.apiUrl && { api: options.apiUrl }), ...options.clientOptions?.rest },
      });
      client.on(Events.InteractionCreate, (interaction) => {
        handleDiscordInteraction(interaction, { ...deps, logger: options.logger }).catch((err: unknown) =>
          options.logger.error(
            { err, interactionId: interaction.id, guildId: interaction.guildId },
            'discord interaction failed',
          ),
        );
      });
      client.on(Events.Error, (err) => options.logger.error({ err }, 'discord client error'));
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(options.token);
      await ready;
      options.logger.info({ guilds: client.guilds.cache.size, shards: client.ws.shards.size }, 'Discord bot connected');
      return client;
    },
  };
}
