import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mentorCommandTree } from '../../../adapters/discord/mentor-command-tree';
import { registerDiscordCommands } from '../../../adapters/discord/register-discord-commands';
import { startFakeDiscord, type FakeDiscord } from '../../harness/discord/fake-discord';

const APP = '1200000000000000001';
const GUILD = '1300000000000000001';
const TOKEN = 'fake.bot-token.value';

// `npm run discord:register` puts the /mentor tree on one server (development) or globally.
describe('registering the /mentor command', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord({ applicationId: APP });
  });
  afterAll(() => fake?.stop());

  it('the script PUTs the tree to the guild named by DISCORD_GUILD_ID, with the bot token', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'adapters/discord/register-discord-commands-cli.ts'],
      {
        env: {
          PATH: process.env.PATH ?? '',
          DISCORD_TOKEN: TOKEN,
          DISCORD_APPLICATION_ID: APP,
          DISCORD_GUILD_ID: GUILD,
          DISCORD_API_URL: fake.apiUrl,
        },
      },
    );
    expect(stdout).toBe(`Registered 1 command on server ${GUILD}; it is usable there now.\n`);
    const call = await fake.waitForCall('PUT', new RegExp(`^/applications/${APP}/guilds/${GUILD}/commands$`));
    expect(call.authorization).toBe(`Bot ${TOKEN}`);
    expect(call.body).toEqual(mentorCommandTree());
    expect((call.body as { name: string }[])[0]!.name).toBe('mentor');
    expect(stdout).not.toContain(TOKEN);
  }, 60_000);

  it('without a guild it registers the command globally', async () => {
    const result = await registerDiscordCommands({ token: TOKEN, applicationId: APP, apiUrl: fake.apiUrl });
    expect(result).toEqual({ route: `/applications/${APP}/commands`, count: 1 });
    const call = await fake.waitForCall('PUT', new RegExp(`^/applications/${APP}/commands$`));
    expect(call.body).toEqual(mentorCommandTree());
  });

  it('the script stops with one sentence when the Discord settings are missing', async () => {
    const run = promisify(execFile)(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'adapters/discord/register-discord-commands-cli.ts'],
      { env: { PATH: process.env.PATH ?? '' } },
    );
    await expect(run).rejects.toMatchObject({
      code: 78,
      stderr: 'Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see README "Connect Discord").\n',
    });
  }, 60_000);
});
