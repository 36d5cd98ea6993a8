import type { App } from '@slack/bolt';
import type { InstallationStore } from '@slack/oauth';
import { WebClient } from '@slack/web-api';
import type { CommandRequest, PostedReply } from '../../src/commands/run-command';
import type { Reply } from '../../src/domain/message';
import type { OpsRoute } from '../../src/observability/ops-routes';
import type { Logger } from '../../src/ports/logger';
import type { Messenger } from '../../src/ports/messenger';
import { createSlackApp, type SlackOAuthOptions } from './create-slack-app';
import { slackMessenger } from './slack-messenger';
import { slackClientOptions } from './undici-fetch';

export interface SlackPlatformOptions {
  signingSecret?: string | undefined;
  /** Socket Mode instead of HTTP. */
  appToken?: string | undefined;
  /** One workspace: its bot token. */
  botToken?: string | undefined;
  /** Many workspaces: installed through /slack/install, tokens in the installation store. */
  oauth?: SlackOAuthOptions | undefined;
  apiUrl?: string | undefined;
  logger: Logger;
}

export interface SlackServeOptions {
  /** Health, readiness and metrics, served beside /slack/events in HTTP mode (Socket Mode has no listener). */
  routes?: readonly OpsRoute[];
  /** Wraps the handling of each request, so shutdown can wait for answers still on their way. */
  track?: (handle: () => Promise<void>) => Promise<void>;
  /** Runs a slash command and may post its reply itself (see `SlackAppOptions.runAndPost`). */
  runAndPost?: (request: CommandRequest, responseUrl: string) => Promise<PostedReply>;
}

/** What the rest of the bot needs from Slack: a messenger (workers) and an app to serve (`serve`). */
export interface SlackPlatform {
  messenger: Messenger;
  serve(runCommand: (request: CommandRequest) => Promise<Reply>, port: number, extra?: SlackServeOptions): Promise<App>;
}

function clientsFor(options: SlackPlatformOptions, store: InstallationStore | undefined) {
  const clients = new Map<string, WebClient>();
  // 429s must reach the outbound queue (it honours Retry-After for every worker), not be waited out here.
  const make = (token: string) =>
    new WebClient(token, { ...slackClientOptions(options.apiUrl), rejectRateLimitedCalls: true });
  return async (teamId: string): Promise<WebClient> => {
    if (options.botToken) return clients.get('') ?? clients.set('', make(options.botToken)).get('')!;
    const installation = await store!.fetchInstallation({
      teamId,
      isEnterpriseInstall: false,
      enterpriseId: undefined,
    });
    const token = installation.bot?.token;
    if (!token) throw new Error(`no bot token stored for ${teamId}`);
    return clients.get(token) ?? clients.set(token, make(token)).get(token)!;
  };
}

/**
 * The bot's user and bot ids, asked once at start. Bolt, given a bot token without both ids, calls auth.test
 * before every request it receives, ahead of the ack: a Slack round trip (and a rate-limited call) per slash
 * command. If Slack cannot tell us now, Bolt keeps asking per request, as before.
 */
async function botIdentity(options: SlackPlatformOptions): Promise<{ botUserId?: string; botId?: string }> {
  if (!options.botToken || options.oauth) return {};
  const client = new WebClient(options.botToken, {
    ...slackClientOptions(options.apiUrl),
    retryConfig: { retries: 2 },
  });
  try {
    const auth = await client.auth.test();
    if (auth.user_id && auth.bot_id) return { botUserId: auth.user_id, botId: auth.bot_id };
  } catch (error) {
    options.logger.warn({ err: error }, 'could not look up the bot with auth.test; Bolt will on each request');
  }
  return {};
}

export function slackPlatform(options: SlackPlatformOptions): SlackPlatform {
  return {
    messenger: slackMessenger(clientsFor(options, options.oauth?.installationStore)),
    async serve(runCommand, port, extra = {}) {
      const identity = await botIdentity(options);
      const app = createSlackApp({
        ...(options.signingSecret && { signingSecret: options.signingSecret }),
        ...(options.appToken && { appToken: options.appToken }),
        ...(options.botToken && { botToken: options.botToken }),
        ...identity,
        ...(options.oauth && { oauth: options.oauth }),
        ...(options.apiUrl && { apiUrl: options.apiUrl }),
        runCommand,
        logger: options.logger,
        ...(extra.routes && { routes: extra.routes }),
        ...(extra.track && { track: extra.track }),
        ...(extra.runAndPost && { runAndPost: extra.runAndPost }),
      });
      // Socket Mode dials out to Slack; only HTTP mode listens on a port.
      await (options.appToken ? app.start() : app.start(port));
      return app;
    },
  };
}
