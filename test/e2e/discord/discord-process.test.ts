import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeDiscord, type FakeDiscord } from '../../harness/discord/fake-discord';
import { slashCommandInteraction } from '../../harness/discord/interactions';
import { freePort } from '../../helpers/private-redis';
import { waitFor } from '../../integration/jobs/wait-for';

const APP = '1200000000000000001';
const GUILD = '1300000000000000001';
const TOKEN = 'process.test-token.value';

// The real entry point, as `node bin/mentor-bot.js` (what the Dockerfile runs), configured for Discord only.
describe('mentor-bot as a Discord bot process', () => {
  let fake: FakeDiscord;
  let bot: ChildProcess;
  let dir: string;
  let output = '';

  beforeAll(async () => {
    fake = await startFakeDiscord({
      applicationId: APP,
      guilds: [{ id: GUILD, name: 'Freelancers', members: [{ id: '1400000000000000001', username: 'ana' }] }],
    });
    dir = mkdtempSync(join(tmpdir(), 'mentor-bot-discord-'));
    bot = spawn(process.execPath, ['bin/mentor-bot.js'], {
      env: {
        ...process.env,
        DISCORD_TOKEN: TOKEN,
        DISCORD_APPLICATION_ID: APP,
        DISCORD_API_URL: fake.apiUrl,
        SLACK_BOT_TOKEN: '',
        SLACK_SIGNING_SECRET: '',
        SLACK_APP_TOKEN: '',
        PORT: String(await freePort()),
        DATA_DIR: join(dir, 'data'),
        DATABASE_URL: '',
        REDIS_URL: '',
        LOG_FORMAT: 'json',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bot.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    bot.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // Start-up compiles the sources through tsx and opens PGlite: slow on a busy two-core machine.
    await waitFor(() => output.includes('Discord bot connected'), 'the bot to connect', { timeoutMs: 80_000 });
  }, 90_000);
  afterAll(async () => {
    if (bot.exitCode === null) bot.kill('SIGKILL');
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in with Guilds only, answers /mentor, then shuts down cleanly on SIGTERM without logging the token', async () => {
    const identify = fake.gatewayReceived.find((p) => p.op === 2);
    expect((identify?.d as { intents: number }).intents).toBe(1);
    await fake.dispatchInteraction(
      slashCommandInteraction({
        guildId: GUILD,
        user: { id: '1400000000000000001', username: 'ana' },
        name: 'mentor',
        subcommand: 'help',
        applicationId: APP,
      }),
    );
    const edit = await fake.waitForCall('PATCH', /^\/webhooks\/\d+\/[^/]+\/messages\/@original$/, {
      timeoutMs: 15_000,
    });
    expect((edit.body as { content: string }).content.length).toBeGreaterThan(0);
    const exited = new Promise<number | null>((resolve) => bot.once('exit', resolve));
    bot.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('shutting down');
    expect(output).not.toContain(TOKEN);
  }, 60_000);
});
