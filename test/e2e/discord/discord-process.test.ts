import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeDiscord, type FakeDiscord } from '../../harness/discord/fake-discord';
import { slashCommandInteraction } from '../../harness/discord/interactions';
import { embeddedEnv, startBotProcess, type BotProcess } from '../../helpers/bot-process';

const APP = '1200000000000000001';
const GUILD = '1300000000000000001';
const TOKEN = 'process.test-token.value';

// The real entry point, as `node bin/mentor-bot.js` (what the Dockerfile runs), configured for Discord only.
describe('mentor-bot as a Discord bot process', () => {
  let fake: FakeDiscord;
  let bot: BotProcess;
  let dir: string;

  beforeAll(async () => {
    fake = await startFakeDiscord({
      applicationId: APP,
      guilds: [{ id: GUILD, name: 'Freelancers', members: [{ id: '1400000000000000001', username: 'ana' }] }],
    });
    dir = mkdtempSync(join(tmpdir(), 'mentor-bot-discord-'));
    const env = {
      ...embeddedEnv(join(dir, 'data')),
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP,
      DISCORD_API_URL: fake.apiUrl,
    };
    // Start-up compiles the sources through tsx and opens PGlite: slow on a busy two-core machine.
    bot = await startBotProcess([], env, 'Discord bot connected', { timeoutMs: 80_000 });
  }, 90_000);
  afterAll(async () => {
    if (bot?.child.exitCode === null) bot.child.kill('SIGKILL');
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
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.output()).toContain('shutting down');
    expect(bot.output()).not.toContain(TOKEN);
  }, 60_000);
});
