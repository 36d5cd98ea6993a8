import type { App } from '@slack/bolt';
import type { InstallationStore } from '@slack/oauth';
import { WebClient } from '@slack/web-api';
import type { CommandRequest } from '../../src/commands/run-command';
import type { Reply } from '../../src/domain/message';
import type { Logger } from '../../src/ports/logger';
import type { Messenger } from '../../src/ports/messenger';
import { createSlackApp, type SlackOAuthOptions } from './create-slack-app';
import { slackMessenger } from './slack-messenger';

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

/** What the rest of the bot needs from Slack: a messenger (workers) and an app to serve (`serve`). */
export interface SlackPlatform {
  messenger: Messenger;
  serve(runCommand: (request: CommandRequest) => Promise<Reply>, port: number): Promise<App>;
}

function clientsFor(options: SlackPlatformOptions, store: InstallationStore | undefined) {
  const clients = new Map<string, WebClient>();
  // 429s must reach the outbound queue (it honours Retry-After for every worker), not be waited out here.
  const make = (token: string) =>
    new WebClient(token, { ...(options.apiUrl && { slackApiUrl: options.apiUrl }), rejectRateLimitedCalls: true });
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

export function slackPlatform(options: SlackPlatformOptions): SlackPlatform {
  return {
    messenger: slackMessenger(clientsFor(options, options.oauth?.installationStore)),
    async serve(runCommand, port) {
      const app = createSlackApp({
        ...(options.signingSecret && { signingSecret: options.signingSecret }),
        ...(options.appToken && { appToken: options.appToken }),
        ...(options.botToken && { botToken: options.botToken }),
        ...(options.oauth && { oauth: options.oauth }),
        ...(options.apiUrl && { apiUrl: options.apiUrl }),
        runCommand,
        logger: options.logger,
      });
      // Socket Mode dials out to Slack; only HTTP mode listens on a port.
      await (options.appToken ? app.start() : app.start(port));
      return app;
    },
  };
}
