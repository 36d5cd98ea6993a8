import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { startFakeSlackApi, type FakeSlackApi } from '../../harness/fake-slack-api';
import { sendToSlackApp, slashCommandBody } from '../../harness/slack-requests';
import { startBotProcess, type BotProcess, splitRoleSlackEnv } from '../../helpers/bot-process';
import { createServerDatabase, type TestDatabase } from '../../helpers/test-databases';

const SECRET = 'roles-test-secret';

// Scaling out: a `serve` process answers Slack, a separate `worker` process sends, sharing Postgres and Redis.
describe('serve and worker as separate processes', () => {
  let fake: FakeSlackApi;
  let database: TestDatabase;
  let serve: BotProcess;
  let worker: BotProcess;
  let url: string;
  const prefix = `mbroles-${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    fake = await startFakeSlackApi({ users: { UMOD: { isAdmin: true } } });
    database = await createServerDatabase();
    const env = splitRoleSlackEnv({
      apiUrl: fake.url,
      signingSecret: SECRET,
      databaseUrl: database.url!,
      queuePrefix: prefix,
    });
    // Each on its own PORT: a worker serves /healthz, /readyz and /metrics there.
    serve = await startBotProcess(['serve'], env, 'Slack app listening');
    worker = await startBotProcess(['worker'], env, 'worker running');
    url = `http://127.0.0.1:${serve.port}/slack/events`;
  });
  afterAll(async () => {
    for (const role of [serve, worker]) if (role?.child.exitCode === null) role.child.kill('SIGKILL');
    await database?.dispose();
    await fake?.stop();
    const redis = new Redis('redis://127.0.0.1:6379');
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  const slash = async (userId: string, text: string) => {
    const id = randomUUID();
    const body = slashCommandBody({ userId, channelId: 'C1', text, responseUrl: fake.responseUrl(id) });
    expect((await sendToSlackApp(url, body, { signingSecret: SECRET })).status).toBe(200);
    return ((await fake.waitForResponse(id)).body as { text: string }).text;
  };

  it('answers in serve and delivers the intro from the worker', async () => {
    await slash('UANA', 'join mentor skills: pricing tz: UTC');
    await slash('UBEN', 'join mentee goals: pricing tz: UTC');
    expect(await slash('UMOD', 'pair <@UANA> <@UBEN>')).toBe(
      'Paired <@UANA> (mentor) with <@UBEN> (mentee); both were introduced.',
    );
    const intro = await fake.waitForCall('chat.postMessage', {
      where: (c) => String(c.body['text']).startsWith('👋'),
      timeoutMs: 15_000,
    });
    expect(intro.body['text']).toMatch(/^👋 <@UANA>, meet your mentee <@UBEN>!/);
    expect(serve.output()).not.toContain('worker running');
  });

  it('stops both cleanly on SIGTERM', async () => {
    const exits = [serve, worker].map(
      (role) => new Promise<number | null>((resolve) => role.child.once('exit', resolve)),
    );
    serve.child.kill('SIGTERM');
    worker.child.kill('SIGTERM');
    expect(await Promise.all(exits)).toEqual([0, 0]);
  });

  it('refuses to run a split role without Redis, saying why', async () => {
    const lone = startBotProcess(
      ['worker'],
      { SLACK_BOT_TOKEN: 'xoxb-T0001-fake', SLACK_SIGNING_SECRET: SECRET, REDIS_URL: '' },
      'worker running',
    );
    await expect(lone).rejects.toThrow(
      'the bot exited (78): mentor-bot worker shares its work with the other processes through Redis: set REDIS_URL, or run `mentor-bot` for one process doing everything.',
    );
  });
});
