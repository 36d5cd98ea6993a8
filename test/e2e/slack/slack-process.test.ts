import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeSlackApi, type FakeSlackApi } from '../../harness/fake-slack-api';
import { sendToSlackApp, slashCommandBody } from '../../harness/slack-requests';
import { embeddedEnv, startBotProcess, type BotProcess } from '../../helpers/bot-process';

// The real entry point, as `node bin/mentor-bot.js` (what the Dockerfile runs), configured for Slack.
describe('mentor-bot as a Slack app process', () => {
  let fake: FakeSlackApi;
  let bot: BotProcess;
  let dir: string;
  let url: string;

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    dir = mkdtempSync(join(tmpdir(), 'mentor-bot-slack-'));
    const env = {
      ...embeddedEnv(join(dir, 'data')),
      SLACK_BOT_TOKEN: 'xoxb-T0001-fake',
      SLACK_SIGNING_SECRET: 'process-test-secret',
      SLACK_API_URL: fake.url,
    };
    bot = await startBotProcess([], env, 'Slack app listening on /slack/events');
    url = `http://127.0.0.1:${bot.port}/slack/events`;
  });
  afterAll(async () => {
    if (bot?.child.exitCode === null) bot.child.kill('SIGKILL');
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a signed /mentor, then shuts down cleanly on SIGTERM', async () => {
    const body = slashCommandBody({
      userId: 'U1',
      channelId: 'C1',
      text: 'join mentee goals: pricing tz: Europe/Berlin',
      responseUrl: fake.responseUrl('join'),
    });
    expect((await sendToSlackApp(url, body, { signingSecret: 'process-test-secret' })).status).toBe(200);
    expect((await fake.waitForResponse('join')).body).toMatchObject({ text: expect.stringMatching(/^Welcome, u1!/) });
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toContain('shutting down');
    expect(bot.output()).not.toContain('xoxb-T0001-fake');
  });
});
