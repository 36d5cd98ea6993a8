import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { createSlackApp } from '../../../adapters/slack/create-slack-app';
import { slackMessenger } from '../../../adapters/slack/slack-messenger';
import { postgresStore } from '../../../db/postgres-store';
import { commandRunner } from '../../../src/commands/run-command';
import { outboxDeliverer, type OutboxDeliverer } from '../../../src/delivery/outbox-deliverer';
import { testClock } from '../../helpers/command-harness';
import type { CoreDeps } from '../../../src/commands/run-in-context';
import { recordingScheduler, type RecordingScheduler } from '../../helpers/recording-scheduler';
import { silentLogger } from '../../helpers/silent-logger';
import { createPgliteDatabase, type TestDatabase } from '../../helpers/test-databases';
import { startFakeSlackApi, type FakeSlackApi, type FakeSlackApiOptions } from '../../harness/fake-slack-api';
import { sendToSlackApp, slashCommandBody } from '../../harness/slack-requests';

export const SECRET = 'test-signing-secret';
export const TOKEN = 'xoxb-T0001-fake';

export interface SlackAppUnderTest {
  fake: FakeSlackApi;
  database: TestDatabase;
  /** The app's request URL. */
  url: string;
  /** Sends the outbox through the real Slack messenger to the fake. */
  deliverer: OutboxDeliverer;
  /** The core's ports, a movable clock and the timers the core asked for, to fire nudges in tests. */
  deps: CoreDeps;
  clock: ReturnType<typeof testClock>;
  scheduler: RecordingScheduler;
  /** Sends `/mentor TEXT` as a user and returns what the app posted to the response_url. */
  slash(
    userId: string,
    text: string,
    extra?: { triggerId?: string; retryNum?: number },
  ): Promise<{ text: string; response_type: string; blocks: object[] }>;
  stop(): Promise<void>;
}

/** The real Bolt App over HTTP with real signatures, against a fake Slack Web API on 127.0.0.1, on PGlite. */
export async function startSlackAppUnderTest(fakeOptions: FakeSlackApiOptions = {}): Promise<SlackAppUnderTest> {
  const fake = await startFakeSlackApi(fakeOptions);
  const database = await createPgliteDatabase();
  const store = postgresStore(database.db);
  const clock = testClock();
  const logger = silentLogger();
  const client = new WebClient(TOKEN, {
    slackApiUrl: fake.url,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  });
  const deliverer = outboxDeliverer({ store, messenger: slackMessenger(async () => client), clock, logger });
  const scheduler = recordingScheduler();
  const deps: CoreDeps = { store, clock, logger, newId: randomUUID, scheduler };
  const runCommand = commandRunner(deps);
  const app: App = createSlackApp({
    signingSecret: SECRET,
    botToken: TOKEN,
    botUserId: 'UBOT',
    apiUrl: fake.url,
    runCommand,
    logger,
    retries: 0,
  });
  const server = (await app.start(0)) as Server;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  return {
    fake,
    database,
    url,
    deliverer,
    deps,
    clock,
    scheduler,
    async slash(userId, text, extra = {}) {
      const id = randomUUID();
      const body = slashCommandBody({
        userId,
        channelId: 'C0GENERAL',
        text,
        responseUrl: fake.responseUrl(id),
        ...(extra.triggerId && { triggerId: extra.triggerId }),
      });
      const retry = extra.retryNum ? { retryNum: extra.retryNum, retryReason: 'http_timeout' } : {};
      const sent = await sendToSlackApp(url, body, { signingSecret: SECRET, ...retry });
      if (sent.status !== 200) throw new Error(`the app answered ${sent.status}`);
      return (await fake.waitForResponse(id)).body as { text: string; response_type: string; blocks: object[] };
    },
    async stop() {
      await app.stop();
      await database.dispose();
      await fake.stop();
    },
  };
}
