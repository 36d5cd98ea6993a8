import { scheduledTaskRunner } from '../../../src/delivery/scheduled-task-runner';
import { blockActionsBody, sendToSlackApp } from '../../harness/slack-requests';
import { SECRET, startSlackAppUnderTest, type SlackAppUnderTest } from './slack-app-under-test';
import { nudgeTimer } from '../../helpers/recording-scheduler';

// The whole loop on Slack: a moderator runs a round, both members are introduced, a nudge's "We met" logs it.
describe('a pairing round and a check-in on Slack', () => {
  let bot: SlackAppUnderTest;

  beforeAll(async () => {
    bot = await startSlackAppUnderTest({ users: { UMOD: { isAdmin: true } } });
    await bot.slash('UANA', 'join mentor skills: pricing tz: UTC');
    await bot.slash('UBEN', 'join mentee goals: pricing tz: UTC');
  });
  afterAll(() => bot?.stop());

  it('refuses round publish to a member', async () => {
    expect((await bot.slash('UBEN', 'round publish')).text).toBe(
      "Only moderators can use `/mentor round publish`; ask one of your community's moderators.",
    );
  });

  it('previews and publishes a round; both members get the intro', async () => {
    const preview = await bot.slash('UMOD', 'round preview');
    expect(preview.text).toMatch(/^\*Draft round 1\*: 1 pair, 0 unmatched/);
    expect(preview.text).toContain('<@UANA> → <@UBEN>');
    expect((await bot.slash('UMOD', 'round publish')).text).toBe(
      'Round 1 published: 1 pair introduced, 0 people told why they were not matched.',
    );
    await bot.deliverer.drain();
    const open = await bot.fake.waitForCall('conversations.open', { where: (c) => c.body['users'] === 'UANA,UBEN' });
    expect(open).toBeDefined();
    await bot.fake.waitForCall('chat.postMessage', {
      where: (c) => String(c.body['text']).startsWith('👋 <@UANA>, meet your mentee <@UBEN>!'),
    });
  });

  it('logs the check-in when the "We met" button of a nudge is clicked', async () => {
    const runTask = scheduledTaskRunner(bot.deps);
    const timer = await nudgeTimer(bot);
    bot.clock.set(timer.at);
    await runTask(timer.task);
    await bot.deliverer.drain();
    const nudge = await bot.fake.waitForCall('chat.postMessage', {
      where: (c) => c.body['channel'] === 'UANA' && String(c.body['text']).startsWith('⏰'),
    });
    const blocks = nudge.body['blocks'] as {
      type: string;
      elements?: { action_id: string; value: string; text: { text: string } }[];
    }[];
    const weMet = blocks.flatMap((b) => b.elements ?? []).find((e) => e.text.text === 'We met')!;
    const click = blockActionsBody({
      userId: 'UANA',
      actionId: weMet.action_id,
      value: weMet.value,
      responseUrl: bot.fake.responseUrl('met'),
    });
    expect((await sendToSlackApp(bot.url, click, { signingSecret: SECRET })).status).toBe(200);
    expect(((await bot.fake.waitForResponse('met')).body as { text: string }).text).toBe(
      'Check-in logged with <@UBEN>. 🙌',
    );
    const rows = await bot.database.db.query('SELECT logged_by FROM check_ins');
    expect(rows.rows).toEqual([{ logged_by: 'slack:T0001:UANA' }]);
  });
});
