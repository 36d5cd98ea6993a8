import { WebClient } from '@slack/web-api';
import type { App } from '@slack/bolt';
import type { CommandRequest } from '../../src/commands/run-command';
import type { Reply } from '../../src/domain/message';
import type { Logger } from '../../src/ports/logger';
import type { Messenger } from '../../src/ports/messenger';
import { createSlackApp } from './create-slack-app';
import { slackMessenger } from './slack-messenger';

export interface SlackPlatformOptions {
  botToken: string;
  signingSecret: string;
  apiUrl?: string | undefined;
  logger: Logger;
}

/** What the rest of the bot needs from Slack: a messenger (workers) and an app to serve (`serve`). */
export interface SlackPlatform {
  messenger: Messenger;
  serve(runCommand: (request: CommandRequest) => Promise<Reply>, port: number): Promise<App>;
}

export function slackPlatform(options: SlackPlatformOptions): SlackPlatform {
  // 429s must reach the outbound queue (it honours Retry-After for every worker), not be waited out here.
  const client = new WebClient(options.botToken, {
    ...(options.apiUrl && { slackApiUrl: options.apiUrl }),
    rejectRateLimitedCalls: true,
  });
  return {
    messenger: slackMessenger(async () => client),
    async serve(runCommand, port) {
      const app = createSlackApp({
        signingSecret: options.signingSecret,
        botToken: options.botToken,
        ...(options.apiUrl && { apiUrl: options.apiUrl }),
        runCommand,
        logger: options.logger,
      });
      await app.start(port);
      return app;
    },
  };
}
