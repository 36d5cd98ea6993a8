import { PermanentDeliveryError } from '../../../src/ports/messenger';
import { scheduledTaskRunner } from '../../../src/delivery/scheduled-task-runner';
import { dmChannelId } from '../../harness/discord/handle-discord-rest';
import { buttonInteraction } from '../../harness/discord/interactions';
import { nudgeTimer } from '../../helpers/recording-scheduler';
import {
  ANA,
  BEN,
  CY,
  DEE_PERMISSIONS,
  FALLBACK_CHANNEL,
  GUILD,
  MANAGE_GUILD,
  MOD,
  personId,
  startDiscordBotUnderTest,
  text,
  user,
  type DiscordBotUnderTest,
} from './discord-bot-under-test';

type Posted = { content: string; components?: { components: { custom_id: string; label: string }[] }[] };

// The whole loop on Discord: a round previewed and published with both intros as DMs, a nudge's "We met"
// logging the check-in, a configured moderator role, and a member whose DMs are closed.
describe('a pairing round and check-ins on Discord', () => {
  let bot: DiscordBotUnderTest;
  const asMod = { permissions: MANAGE_GUILD };

  beforeAll(async () => {
    bot = await startDiscordBotUnderTest();
    await bot.slash(ANA, 'join', [text('role', 'mentor'), text('skills', 'pricing'), text('timezone', 'UTC')]);
    await bot.slash(BEN, 'join', [text('role', 'mentee'), text('goals', 'pricing'), text('timezone', 'UTC')]);
  });
  afterAll(() => bot?.stop());

  it('a moderator previews and publishes a round, and both members get the intro as a DM', async () => {
    const preview = await bot.slash(MOD, 'preview', [], { group: 'round', ...asMod });
    expect(preview.content).toMatch(/^\*\*Draft round 1\*\*: 1 pair, 0 unmatched/);
    expect(preview.content).toContain(`<@${ANA.id}> → <@${BEN.id}>`);
    const buttons = preview.components!.flatMap((row) => row.components);
    expect(buttons.map((b) => [b.label, b.custom_id])).toEqual([
      ['Publish round', 'mc:round publish'],
      ['Cancel draft', 'mc:round cancel'],
    ]);

    // The draft review the moderator's home shows: Approve, and on each pair Lock, Swap… and Exclude.
    const home = await bot.slash(MOD, 'home', [], asMod);
    const review = home.components!.flatMap((row) => row.components).map((b) => b.label);
    expect(review).toEqual(expect.arrayContaining(['Approve and publish', 'Lock', 'Swap…', 'Exclude mentee']));

    // Approve from the review: the button runs `round publish` as the moderator who pressed it.
    const approve = await bot.interact(
      buttonInteraction({
        guildId: GUILD,
        user: MOD,
        permissions: MANAGE_GUILD,
        applicationId: bot.fake.applicationId,
        customId: 'mc:round publish',
      }),
    );
    expect(approve.content).toBe('Round 1 published: 1 pair introduced, 0 people told why they were not matched.');
    expect(await bot.deliver()).toEqual([]);
    for (const who of [ANA, BEN]) {
      const dm = await bot.fake.waitForCall('POST', new RegExp(`^/channels/${dmChannelId(who.id)}/messages$`));
      expect((dm.body as Posted).content).toMatch(new RegExp(`^👋 <@${ANA.id}>, meet your mentee <@${BEN.id}>!`));
    }
  });

  it('logs the check-in when the "We met" button of a nudge is pressed', async () => {
    const timer = await nudgeTimer(bot);
    bot.clock.set(timer.at);
    await scheduledTaskRunner(bot.deps)(timer.task);
    expect(await bot.deliver()).toEqual([]);
    const nudge = await bot.fake.waitForCall('POST', new RegExp(`^/channels/${dmChannelId(ANA.id)}/messages$`), {
      where: (c) => (c.body as Posted).content.startsWith('⏰'),
    });
    const weMet = (nudge.body as Posted).components!.flatMap((r) => r.components).find((b) => b.label === 'We met')!;
    expect(weMet.custom_id).toMatch(/^mc:nudge \d+ met$/);
    const answer = await bot.interact(
      buttonInteraction({
        guildId: GUILD,
        user: ANA,
        applicationId: bot.fake.applicationId,
        customId: weMet.custom_id,
      }),
    );
    expect(answer.content).toBe(`Check-in logged with <@${BEN.id}>. 🙌`);
    expect((await bot.database.db.query('SELECT logged_by FROM check_ins')).rows).toEqual([
      { logged_by: personId(ANA) },
    ]);
  });

  it('makes holders of the configured moderator role moderators', async () => {
    const ROLE = bot.client.guilds.cache.get(GUILD)!.roles.cache.find((r) => r.name === `perm-${DEE_PERMISSIONS}`)!.id;
    expect((await bot.slash(CY, 'stats', [], { roles: [ROLE] })).content).toMatch(/^Only moderators/);
    const set = await bot.slash(
      MOD,
      'config',
      [text('key', 'moderator-role'), { name: 'role', type: 8, value: ROLE }],
      asMod,
    );
    expect(set.content).toBe(`Saved: **moderator-role** is now <@&${ROLE}>.`);
    expect((await bot.slash(CY, 'stats', [], { roles: [ROLE] })).content).not.toMatch(/^Only moderators/);
  });

  it('a member with closed DMs: refused for good without a fallback channel, then a private thread in it', async () => {
    await bot.slash(CY, 'join', [text('role', 'mentee'), text('goals', 'contracts'), text('timezone', 'UTC')]);
    const closed = { code: 50007, message: 'Cannot send messages to this user' };
    const cyDm = new RegExp(`^/channels/${dmChannelId(CY.id)}/messages$`);

    bot.fake.failNext('POST', cyDm, 403, closed);
    await bot.slash(BEN, 'thanks', [user('person', CY), text('message', 'for the contract template')]);
    const errors = await bot.deliver();
    expect(errors).toEqual([expect.any(PermanentDeliveryError)]);
    expect(errors[0]!.message).toBe('Discord: the member does not accept DMs (50007) and no fallback-channel is set');
    const { rows: failed } = await bot.database.db.query<{ failure: string; failed_at: Date | null }>(
      'SELECT failure, failed_at FROM outbox',
    );
    expect(failed).toEqual([{ failure: expect.stringMatching(/no fallback-channel/), failed_at: expect.any(Date) }]);

    await bot.slash(
      MOD,
      'config',
      [text('key', 'fallback-channel'), { name: 'channel', type: 7, value: FALLBACK_CHANNEL }],
      asMod,
    );
    bot.fake.failNext('POST', cyDm, 403, closed);
    expect((await bot.slash(MOD, 'pair', [user('mentor', ANA), user('mentee', CY)], asMod)).content).toMatch(/^Paired/);
    expect(await bot.deliver()).toEqual([]);
    const thread = await bot.fake.waitForCall('POST', new RegExp(`^/channels/${FALLBACK_CHANNEL}/threads$`));
    expect(thread.body).toMatchObject({ type: 12, invitable: false });
    const threadId = (thread.response as { id: string }).id;
    await bot.fake.waitForCall('PUT', new RegExp(`^/channels/${threadId}/thread-members/${CY.id}$`));
    const inThread = await bot.fake.waitForCall('POST', new RegExp(`^/channels/${threadId}/messages$`));
    expect((inThread.body as Posted).content).toMatch(new RegExp(`^👋 <@${ANA.id}>, meet your mentee <@${CY.id}>!`));
    // Ana's DMs are open: she got the same intro directly.
    await bot.fake.waitForCall('POST', new RegExp(`^/channels/${dmChannelId(ANA.id)}/messages$`), {
      where: (c) => (c.body as Posted).content.includes(`meet your mentee <@${CY.id}>`),
    });
    const note = bot.logs.find((l) => l.message === 'DMs closed; delivered in a private thread');
    expect(note?.details).toEqual({
      communityId: `discord:${GUILD}`,
      personId: personId(CY),
      channelId: FALLBACK_CHANNEL,
      threadId,
    });
  });
});
