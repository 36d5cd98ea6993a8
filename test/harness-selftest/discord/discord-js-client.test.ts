import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';
import { startFakeDiscord, type FakeDiscord } from '../../harness/discord/fake-discord';
import { slashCommandInteraction } from '../../harness/discord/interactions';

// The harness speaks well enough for the real discord.js Client: it logs in, sees the guild and answers.
describe('discord.js against the fake Discord', () => {
  let fake: FakeDiscord;
  let client: Client;

  beforeAll(async () => {
    fake = await startFakeDiscord({
      guilds: [
        { id: '100000000000000001', name: 'Gig workers', members: [{ id: '200000000000000001', username: 'ana' }] },
      ],
    });
    client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: { api: fake.apiUrl, retries: 0, timeout: 2000 },
      ws: { buildIdentifyThrottler: async () => ({ waitForIdentify: async () => {} }) },
      waitGuildTimeout: 100,
    } as ConstructorParameters<typeof Client>[0]);
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login('fake-bot-token');
    await ready;
  });
  afterAll(async () => {
    await client?.destroy();
    await fake?.stop();
  });

  it('logs in, caches the guild, and replies to a slash command', async () => {
    expect(client.guilds.cache.get('100000000000000001')?.name).toBe('Gig workers');
    client.on(Events.InteractionCreate, async (interaction) => {
      if (interaction.isChatInputCommand())
        await interaction.reply({ content: 'hello', flags: MessageFlags.Ephemeral });
    });
    await fake.dispatchInteraction(
      slashCommandInteraction({
        guildId: '100000000000000001',
        user: { id: '200000000000000001', username: 'ana' },
        name: 'mentor',
        subcommand: 'help',
        applicationId: fake.applicationId,
      }),
    );
    const callback = await fake.waitForCall('POST', /^\/interactions\/\d+\/[^/]+\/callback$/);
    expect(callback.body).toMatchObject({ type: 4, data: { content: 'hello', flags: 64 } });
  });
});
