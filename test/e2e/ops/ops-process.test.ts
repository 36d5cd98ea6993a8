import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { startFakeSlackApi, type FakeSlackApi } from '../../harness/fake-slack-api';
import { sendToSlackApp, slashCommandBody } from '../../harness/slack-requests';
import { startBotProcess, type BotProcess, splitRoleSlackEnv } from '../../helpers/bot-process';
import { createServerDatabase, type TestDatabase } from '../../helpers/test-databases';
import { waitFor } from '../../integration/jobs/wait-for';

const SECRET = 'ops-process-secret';

/** A promise and the function that settles it. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

// The real process: health, readiness and metrics beside /slack/events (serve) and on their own listener
// (worker), and a SIGTERM that lets a slash command in flight finish before the process exits.
describe('mentor-bot process operability', () => {
  let fake: FakeSlackApi;
  let database: TestDatabase;
  let serve: BotProcess;
  let worker: BotProcess;
  const prefix = `mbops-${randomUUID().slice(0, 8)}`;
  const held = gate();
  const heldReached = gate();
  let env: Record<string, string>;

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    // Looking up UHELD waits for the test, so a slash command from UHELD is in flight for as long as it wants.
    fake.respondWith('users.info', async (call, fallback) => {
      if (call.body['user'] === 'UHELD') {
        heldReached.open();
        await held.promise;
      }
      return fallback();
    });
    database = await createServerDatabase();
    env = splitRoleSlackEnv({
      apiUrl: fake.url,
      signingSecret: SECRET,
      databaseUrl: database.url!,
      queuePrefix: prefix,
    });
    serve = await startBotProcess(['serve'], env, 'Slack app listening');
    worker = await startBotProcess(['worker'], env, 'worker running');
  });
  afterAll(async () => {
    held.open();
    for (const bot of [serve, worker]) if (bot?.child.exitCode === null) bot.child.kill('SIGKILL');
    await database?.dispose();
    await fake?.stop();
    const redis = new Redis('redis://127.0.0.1:6379');
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  const get = (bot: BotProcess, path: string) => fetch(`http://127.0.0.1:${bot.port}${path}`);
  const slash = async (bot: BotProcess, userId: string, text: string, id: string) => {
    const body = slashCommandBody({ userId, channelId: 'C1', text, responseUrl: fake.responseUrl(id) });
    const answer = await sendToSlackApp(`http://127.0.0.1:${bot.port}/slack/events`, body, { signingSecret: SECRET });
    expect(answer.status).toBe(200);
  };

  it.each([
    ['serve', () => serve],
    ['worker', () => worker],
  ])('%s answers /healthz, and /readyz with Postgres, migrations and Redis checked', async (_role, bot) => {
    const health = await get(bot(), '/healthz');
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('ok\n');
    const ready = await get(bot(), '/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', migrations: 'ok', redis: 'ok' } });
  });

  it('counts a slash command on /metrics, next to the pair gauges and the process metrics', async () => {
    await slash(serve, 'UANA', 'join mentee goals: pricing tz: UTC', 'ana-join');
    expect((await fake.waitForResponse('ana-join')).body).toMatchObject({ text: expect.stringMatching(/^Welcome/) });
    const metrics = await get(serve, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await metrics.text();
    expect(text).toContain('mentor_commands_total{command="join",outcome="ok"} 1');
    expect(text).toContain('mentor_command_duration_seconds_count{command="join"} 1');
    expect(text).toContain('mentor_active_pairs 0');
    expect(text).toContain('process_resident_memory_bytes');
    // The command ran on serve's command thread (the default with a Postgres server); its counts reached
    // the main thread's registry. The worker runs no commands, so it starts no thread.
    expect(serve.output()).toMatch(/"commandThreads":1/);
    expect(worker.output()).toMatch(/"commandThreads":0/);
    // The worker keeps a registry of its own: it ran no command.
    expect(await (await get(worker, '/metrics')).text()).not.toContain('mentor_commands_total{');
  });

  it('on SIGTERM stops taking requests, answers the slash command in flight, then exits 0', async () => {
    await slash(serve, 'UHELD', 'join mentee goals: pricing tz: UTC', 'held-join');
    // The fake records a call once it answered it, so the held lookup is seen through the responder.
    await heldReached.promise;
    serve.child.kill('SIGTERM');
    await waitFor(() => serve.output().includes('"shutting down"'), 'serve to start shutting down');
    // The listener is closed at once: a load balancer's next request goes to another process.
    await waitFor(
      () =>
        get(serve, '/healthz').then(
          () => false,
          () => true,
        ),
      'the listener to close',
    );
    expect(serve.child.exitCode).toBeNull();
    held.open();
    expect((await fake.waitForResponse('held-join')).body).toMatchObject({
      text: expect.stringMatching(/^Welcome, uheld!/),
    });
    expect(await serve.exited).toBe(0);
    expect(serve.output()).toContain('"shut down cleanly"');
  });

  it('the worker also stops cleanly on SIGTERM', async () => {
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  });

  it('exits 1 with a log line when work in flight outlasts SHUTDOWN_TIMEOUT_MS', async () => {
    const stuck = gate();
    const stuckReached = gate();
    fake.respondWith('users.info', async (call, fallback) => {
      if (call.body['user'] === 'USTUCK') {
        stuckReached.open();
        await stuck.promise;
      }
      return fallback();
    });
    const bot = await startBotProcess([], { ...env, REDIS_URL: '', SHUTDOWN_TIMEOUT_MS: '300' }, 'Slack app listening');
    try {
      await slash(bot, 'USTUCK', 'help', 'stuck-help');
      await stuckReached.promise;
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(1);
      expect(bot.output()).toContain('"shutdown timed out; exiting with work unfinished"');
      expect(bot.output()).not.toContain('"shut down cleanly"');
    } finally {
      stuck.open();
      if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    }
  });
});
