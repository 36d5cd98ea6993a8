import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeSlackApi, type FakeSlackApi } from '../../harness/fake-slack-api';
import { sendToSlackApp, slashCommandBody } from '../../harness/slack-requests';
import { freePort } from '../../helpers/private-redis';
import { waitFor } from '../../integration/jobs/wait-for';

// The real entry point, as `node bin/mentor-bot.js` (what the Dockerfile runs), configured for Slack.
describe('mentor-bot as a Slack app process', () => {
  let fake: FakeSlackApi;
  let bot: ChildProcess;
  let dir: string;
  let output = '';
  let url: string;

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    dir = mkdtempSync(join(tmpdir(), 'mentor-bot-slack-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}/slack/events`;
    bot = spawn(process.execPath, ['bin/mentor-bot.js'], {
      env: {
        ...process.env,
        SLACK_BOT_TOKEN: 'xoxb-T0001-fake',
        SLACK_SIGNING_SECRET: 'process-test-secret',
        SLACK_API_URL: fake.url,
        PORT: String(port),
        DATA_DIR: join(dir, 'data'),
        DATABASE_URL: '',
        REDIS_URL: '',
        LOG_FORMAT: 'json',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bot.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    bot.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(() => output.includes('Slack app listening on /slack/events'), 'the bot to listen', {
      timeoutMs: 30_000,
    });
  });
  afterAll(async () => {
    if (bot.exitCode === null) bot.kill('SIGKILL');
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
    const exited = new Promise<number | null>((resolve) => bot.once('exit', resolve));
    bot.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('shutting down');
    expect(output).not.toContain('xoxb-T0001-fake');
  });
});
