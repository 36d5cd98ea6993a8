import { randomUUID } from 'node:crypto';
import { blockActionsBody, eventCallbackBody, sendToSlackApp } from '../../harness/slack-requests';
import { SECRET, startSlackAppUnderTest, type SlackAppUnderTest } from './slack-app-under-test';

interface PublishedHome {
  user_id: string;
  view: {
    type: string;
    blocks: { type: string; text?: { text: string }; elements?: { value: string; text: { text: string } }[] }[];
  };
}

// App Home: each person's overview, and for moderators the draft round and the pairs at risk.
describe('Slack App Home', () => {
  let bot: SlackAppUnderTest;

  beforeAll(async () => {
    bot = await startSlackAppUnderTest({ users: { UMOD: { isAdmin: true } } });
    await bot.slash('UANA', 'join mentor skills: pricing tz: UTC');
    await bot.slash('UBEN', 'join mentee goals: pricing tz: UTC');
    await bot.slash('UMOD', 'pair <@UANA> <@UBEN>');
    await bot.slash('UBEN', 'goal add raise my rate by 10%');
    await bot.slash('UCY', 'join mentee goals: pricing tz: UTC');
    await bot.slash('UMOD', 'round preview');
  });
  afterAll(() => bot?.stop());

  /** Opens the home tab as Slack does and returns what the app published. */
  async function openHome(userId: string): Promise<PublishedHome> {
    const mine = (c: { body: Record<string, unknown> }) => c.body['user_id'] === userId;
    const before = bot.fake.callsTo('views.publish').filter(mine).length;
    const body = eventCallbackBody({
      event: { type: 'app_home_opened', user: userId, channel: 'D1', tab: 'home' },
      eventId: `Ev${randomUUID().slice(0, 8)}`,
    });
    expect(
      (await sendToSlackApp(bot.url, body, { signingSecret: SECRET, contentType: 'application/json' })).status,
    ).toBe(200);
    const call = await bot.fake.waitForCall('views.publish', {
      count: before + 1,
      where: mine,
    });
    return call.body as unknown as PublishedHome;
  }
  const textOf = (home: PublishedHome) => home.view.blocks.map((b) => b.text?.text ?? '').join('\n');
  const buttonsOf = (home: PublishedHome) =>
    home.view.blocks.flatMap((b) => b.elements ?? []).map((e) => [e.text.text, e.value]);

  it('shows a member their pairing, next check-in and goals, with quick actions', async () => {
    const home = await openHome('UBEN');
    expect(home.view.type).toBe('home');
    expect(textOf(home)).toMatch(
      /\*Your mentoring\* · mentee, active · check-ins every 2 weeks\nWants to learn: pricing\n• With <@UANA> \(your mentor\) · next check-in Monday 16 March at 12:00\n {3}⬜ 1\. raise my rate by 10%/,
    );
    expect(buttonsOf(home)).toEqual([
      ['We met (log it)', 'checkin <@slack:T0001:UANA>'],
      ['Pause 2 weeks', 'pause for 14 days'],
      ['Edit profile', 'edit'],
    ]);
    expect(textOf(home)).not.toContain('Moderator');
  });

  it('shows moderators the draft round with Approve, and the community at a glance', async () => {
    const home = await openHome('UMOD');
    expect(textOf(home)).toContain('*Welcome!*');
    expect(textOf(home)).toContain(
      '*Moderator*\n3 members · 1 active pair · 0 at risk\nDraft round 1: 1 pair, 0 unmatched.\n<@UANA> → <@UCY> · ',
    );
    expect(buttonsOf(home)).toContainEqual(['Approve and publish', 'round publish']);
    expect(buttonsOf(home)).toEqual(
      expect.arrayContaining([
        ['Lock', 'round lock <@slack:T0001:UANA> <@slack:T0001:UCY>'],
        ['Swap…', 'round swap <@slack:T0001:UCY>'],
        ['Exclude mentee', 'round exclude <@slack:T0001:UCY>'],
      ]),
    );
  });

  it('runs Exclude from the draft on the home tab, and opens the swap form for Swap…', async () => {
    const click = (value: string, actionId: string) =>
      blockActionsBody({
        userId: 'UMOD',
        actionId,
        value,
        view: { id: 'VHOMEMOD', type: 'home' },
        triggerId: `trig-${actionId}`,
      });
    expect(
      (await sendToSlackApp(bot.url, click('round swap <@slack:T0001:UCY>', 'mentor_cmd_1'), { signingSecret: SECRET }))
        .status,
    ).toBe(200);
    const form = await bot.fake.waitForCall('views.open', {
      where: (c) => c.body['trigger_id'] === 'trig-mentor_cmd_1',
    });
    expect((form.body['view'] as { title: { text: string } }).title.text).toBe('Swap mentors');
    expect(
      (
        await sendToSlackApp(bot.url, click('round exclude <@slack:T0001:UCY>', 'mentor_cmd_2'), {
          signingSecret: SECRET,
        })
      ).status,
    ).toBe(200);
    const dm = await bot.fake.waitForCall('chat.postMessage', { where: (c) => c.body['channel'] === 'UMOD' });
    expect(String(dm.body['text'])).toMatch(/^<@UCY> is out of this round\./);
  });

  it('runs a home button, answers in the DM and refreshes the home tab', async () => {
    const publishes = bot.fake.callsTo('views.publish').filter((c) => c.body['user_id'] === 'UBEN').length;
    const click = blockActionsBody({
      userId: 'UBEN',
      actionId: 'mentor_cmd_0',
      value: 'checkin <@slack:T0001:UANA>',
      view: { id: 'VHOME1', type: 'home' },
    });
    expect((await sendToSlackApp(bot.url, click, { signingSecret: SECRET })).status).toBe(200);
    const dm = await bot.fake.waitForCall('chat.postMessage', { where: (c) => c.body['channel'] === 'UBEN' });
    expect(dm.body['text']).toBe('Check-in logged for your pairing with <@UANA>. Next one in about 2 weeks.');
    await bot.fake.waitForCall('views.publish', { count: publishes + 1, where: (c) => c.body['user_id'] === 'UBEN' });
  });
});
