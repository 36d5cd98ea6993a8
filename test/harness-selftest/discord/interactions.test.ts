import {
  autocompleteInteraction,
  buttonInteraction,
  modalSubmitInteraction,
  slashCommandInteraction,
} from '../../harness/discord/interactions';

/** The builders produce the fields discord.js reads when it turns INTERACTION_CREATE into an Interaction. */

const APP = '1200000000000000001';
const GUILD = '1300000000000000001';
const ALICE = { id: '1400000000000000001', username: 'alice' };
const BOB = { id: '1400000000000000002', username: 'bob' };

describe('interaction builders', () => {
  it('builds a guild slash command with nested group/subcommand options', () => {
    const i = slashCommandInteraction({
      guildId: GUILD,
      user: ALICE,
      name: 'mentor',
      group: 'admin',
      subcommand: 'pair',
      options: [{ name: 'mentee', type: 6, value: BOB.id }],
      applicationId: APP,
    });
    expect(i).toMatchObject({
      type: 2,
      application_id: APP,
      guild_id: GUILD,
      channel: { type: 0, guild_id: GUILD },
      member: { user: { id: ALICE.id }, roles: [], permissions: '0' },
      entitlements: [],
      context: 0,
      version: 1,
      locale: 'en-US',
      guild_locale: 'en-US',
      data: {
        name: 'mentor',
        type: 1,
        options: [
          {
            name: 'admin',
            type: 2,
            options: [{ name: 'pair', type: 1, options: [{ name: 'mentee', value: BOB.id }] }],
          },
        ],
      },
    });
    expect(i['channel_id']).toBe((i['channel'] as { id: string }).id);
    expect(typeof i['app_permissions']).toBe('string');
    const other = slashCommandInteraction({ guildId: GUILD, user: ALICE, name: 'mentor' });
    expect(other['id']).not.toBe(i['id']);
    expect(other['token']).not.toBe(i['token']);
    expect(BigInt(String(other['id'])) > BigInt(String(i['id']))).toBe(true);
  });

  it('builds DM, autocomplete, button and modal interactions', () => {
    const dm = slashCommandInteraction({ user: BOB, name: 'mentor', subcommand: 'status' });
    expect(dm).toMatchObject({
      user: { id: BOB.id },
      channel: { type: 1 },
      context: 1,
      data: { options: [{ name: 'status', type: 1 }] },
    });
    expect(dm['member']).toBeUndefined();
    const auto = autocompleteInteraction({
      guildId: GUILD,
      user: ALICE,
      name: 'mentor',
      subcommand: 'join',
      focused: { name: 'skill', value: 'typ' },
    });
    expect(auto).toMatchObject({
      type: 4,
      data: { options: [{ name: 'join', options: [{ name: 'skill', type: 3, value: 'typ', focused: true }] }] },
    });
    const button = buttonInteraction({ guildId: GUILD, user: BOB, customId: 'accept:1', permissions: '2048' });
    expect(button).toMatchObject({
      type: 3,
      member: { permissions: '2048' },
      data: { custom_id: 'accept:1', component_type: 2 },
    });
    expect(button['message']).toMatchObject({ channel_id: button['channel_id'], author: { bot: true } });
    const modal = modalSubmitInteraction({
      guildId: GUILD,
      user: ALICE,
      customId: 'goals',
      fields: { goal: 'Ship', when: 'Q3' },
    });
    expect(modal).toMatchObject({
      type: 5,
      entitlements: [],
      data: {
        custom_id: 'goals',
        components: [
          { type: 1, components: [{ type: 4, custom_id: 'goal', value: 'Ship' }] },
          { type: 1, components: [{ type: 4, custom_id: 'when', value: 'Q3' }] },
        ],
      },
    });
  });
});
