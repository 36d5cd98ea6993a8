import { modalSubmitInteraction, autocompleteInteraction } from '../../harness/discord/interactions';
import {
  ANA,
  BEN,
  GUILD,
  integer,
  personId,
  startDiscordBotUnderTest,
  text,
  type DiscordBotUnderTest,
} from './discord-bot-under-test';

// Members on Discord: joining with typed options and through the form, autocomplete, and refusals.
describe('members on Discord', () => {
  let bot: DiscordBotUnderTest;

  beforeAll(async () => {
    bot = await startDiscordBotUnderTest();
  });
  afterAll(() => bot?.stop());

  it('joins with options: a deferred ephemeral reply, edited with the core answer', async () => {
    const answer = await bot.slash(ANA, 'join', [
      text('role', 'mentor'),
      text('skills', 'Pricing, finding clients'),
      text('timezone', 'America/New_York'),
      integer('capacity', 2),
    ]);
    expect(answer.type).toBe(5);
    expect(answer.flags).toBe(64);
    expect(answer.content).toMatch(/^Welcome, ana! You joined as a mentor\. You can take up to 2 mentees\./);
    const { rows } = await bot.database.db.query('SELECT id, role, skills, timezone, capacity FROM members');
    expect(rows).toEqual([
      {
        id: personId(ANA),
        role: 'mentor',
        skills: ['Pricing', 'finding clients'],
        timezone: 'America/New_York',
        capacity: 2,
      },
    ]);
  });

  it('suggests skills the community already named and time zones, as the person types', async () => {
    const skills = await bot.interact(
      autocompleteInteraction({
        guildId: GUILD,
        user: BEN,
        name: 'mentor',
        subcommand: 'join',
        applicationId: bot.fake.applicationId,
        focused: { name: 'goals', value: 'contracts, pr' },
      }),
    );
    expect(skills).toEqual({ type: 8, choices: [{ name: 'contracts, Pricing', value: 'contracts, Pricing' }] });
    const zones = await bot.interact(
      autocompleteInteraction({
        guildId: GUILD,
        user: BEN,
        name: 'mentor',
        subcommand: 'join',
        applicationId: bot.fake.applicationId,
        focused: { name: 'timezone', value: 'berl' },
      }),
    );
    expect(zones.choices).toEqual([{ name: 'Europe/Berlin', value: 'Europe/Berlin' }]);
    const many = await bot.interact(
      autocompleteInteraction({
        guildId: GUILD,
        user: BEN,
        name: 'mentor',
        subcommand: 'edit',
        applicationId: bot.fake.applicationId,
        focused: { name: 'timezone', value: 'america/' },
      }),
    );
    expect(many.choices).toHaveLength(25);
  });

  it('opens the profile form for a bare join, and a bad value in it gets a clear ephemeral error', async () => {
    const form = await bot.slash(BEN, 'join');
    expect(form).toMatchObject({ type: 9, custom_id: 'mp:join', title: 'Join mentoring' });
    const submitted = await bot.interact(
      modalSubmitInteraction({
        guildId: GUILD,
        user: BEN,
        applicationId: bot.fake.applicationId,
        customId: 'mp:join',
        fields: { role: 'mentee', skills: '', goals: 'pricing', timezone: 'Berlin', languages: '' },
      }),
    );
    expect(submitted.type).toBe(4);
    expect(submitted.flags).toBe(64);
    expect(submitted.content).toBe(
      'Nothing was saved.\nTime zone: "Berlin" is not a time zone name; did you mean Europe/Berlin?',
    );
    expect((await bot.database.db.query('SELECT id FROM members WHERE id = $1', [personId(BEN)])).rows).toEqual([]);

    const fixed = await bot.interact(
      modalSubmitInteraction({
        guildId: GUILD,
        user: BEN,
        applicationId: bot.fake.applicationId,
        customId: 'mp:join',
        fields: { role: 'mentee', skills: '', goals: 'pricing', timezone: 'Europe/Berlin', languages: '' },
      }),
    );
    expect(fixed.content).toMatch(/^Welcome, ben! You joined as a mentee\./);
  });

  it('refuses a moderator command to a member', async () => {
    const answer = await bot.slash(BEN, 'publish', [], { group: 'round' });
    expect(answer.content).toBe(
      "Only moderators can use `/mentor round publish`; ask one of your community's moderators.",
    );
    expect(answer.flags).toBe(64);
  });
});
