import type { OutboxDeliverer } from '../../../src/delivery/outbox-deliverer';
import type { FakeSlackApi } from '../../harness/fake-slack-api';
import { blockActionsBody, sendToSlackApp, slashCommandBody } from '../../harness/slack-requests';
import { rowCounts, type TestDatabase } from '../../helpers/test-databases';
import { SECRET, startSlackAppUnderTest, TOKEN, type SlackAppUnderTest } from './slack-app-under-test';

// The real Bolt App, over HTTP with real signatures, against a fake Slack Web API on 127.0.0.1.
describe('the Slack app', () => {
  let bot: SlackAppUnderTest;
  let fake: FakeSlackApi;
  let database: TestDatabase;
  let url: string;
  let deliverer: OutboxDeliverer;
  const slash = (...args: Parameters<SlackAppUnderTest['slash']>) => bot.slash(...args);

  beforeAll(async () => {
    bot = await startSlackAppUnderTest({ users: { UMOD: { isAdmin: true, tz: 'Europe/Berlin' } } });
    ({ fake, database, url, deliverer } = bot);
  });
  afterAll(() => bot?.stop());

  it('lets a member join through /mentor and answers privately', async () => {
    const reply = await slash('UANA', 'join mentor skills: pricing, contracts tz: America/New_York capacity: 2');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toMatch(/^Welcome, uana! You joined as a mentor\./);
    const members = await database.db.query<{ id: string; timezone: string }>('SELECT id, timezone FROM members');
    expect(members.rows).toEqual([{ id: 'slack:T0001:UANA', timezone: 'America/New_York' }]);
  });

  it('refuses moderator commands to members, and lets workspace admins pair people, introducing them in a group DM', async () => {
    await slash('UBEN', 'join mentee goals: pricing tz: Europe/Berlin');
    expect((await slash('UBEN', 'pair <@UANA|ana> <@UBEN>')).text).toBe(
      "Only moderators can use `/mentor pair`; ask one of your community's moderators.",
    );
    expect((await slash('UMOD', 'pair <@UANA|ana> <@UBEN>')).text).toBe(
      'Paired <@UANA> (mentor) with <@UBEN> (mentee); both were introduced.',
    );
    await deliverer.drain();
    const open = await fake.waitForCall('conversations.open');
    expect(open.body).toMatchObject({ users: 'UANA,UBEN' });
    const intro = await fake.waitForCall('chat.postMessage', { where: (c) => String(c.body['text']).startsWith('👋') });
    expect(intro.token).toBe(TOKEN);
    expect(intro.body['text']).toMatch(/^👋 <@UANA>, meet your mentee <@UBEN>!/);
  });

  it('runs a button as the person who clicked it, once even when clicked twice', async () => {
    const before = await rowCounts(database.db);
    const click = () =>
      blockActionsBody({
        userId: 'UBEN',
        actionId: 'mentor_cmd_0',
        value: 'checkin first call',
        responseUrl: fake.responseUrl('click'),
        messageTs: '1700000099.000100',
      });
    for (let i = 0; i < 2; i++)
      expect((await sendToSlackApp(url, click(), { signingSecret: SECRET })).status).toBe(200);
    await fake.waitForResponse('click', { count: 2 });
    expect((await rowCounts(database.db)).check_ins).toBe(before.check_ins! + 1);
    expect(fake.responses.filter((r) => r.id === 'click').map((r) => (r.body as { text: string }).text)).toEqual([
      'Check-in logged for your pairing with <@UANA>. Next one in about 2 weeks.',
      'Check-in logged for your pairing with <@UANA>. Next one in about 2 weeks.',
    ]);
  });

  it('changes nothing when Slack retries a request', async () => {
    const triggerId = 'trigger-retried-once';
    await slash('UCY', 'join mentee goals: taxes tz: Europe/Paris', { triggerId });
    const before = await rowCounts(database.db);
    const again = await slash('UCY', 'join mentee goals: taxes tz: Europe/Paris', { triggerId, retryNum: 1 });
    expect(again.text).toMatch(/^Welcome, ucy!/);
    expect(await rowCounts(database.db)).toEqual(before);
  });

  it.each([
    ['unsigned', null],
    ['wrongly signed', { signingSecret: SECRET, badSignature: true }],
    ['stale', { signingSecret: SECRET, stale: true }],
  ])('rejects a request that is %s with 401 and does nothing', async (_kind, options) => {
    const before = await rowCounts(database.db);
    const body = slashCommandBody({
      userId: 'UEVE',
      channelId: 'C0GENERAL',
      text: 'join mentee goals: x tz: UTC',
      responseUrl: fake.responseUrl(),
    });
    const status = options
      ? (await sendToSlackApp(url, body, options)).status
      : (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }))
          .status;
    expect(status).toBe(401);
    expect(await rowCounts(database.db)).toEqual(before);
  });

  it('records a permanent chat.postMessage failure instead of retrying it', async () => {
    fake.failNext('chat.postMessage', 'user_not_found');
    await slash('UBEN', 'thanks <@UANA> for the pricing tips');
    await deliverer.drain();
    const failed = await database.db.query<{ recipient_id: string; failure: string }>(
      'SELECT recipient_id, failure FROM outbox WHERE failed_at IS NOT NULL',
    );
    expect(failed.rows).toEqual([{ recipient_id: 'slack:T0001:UANA', failure: 'Slack: user_not_found' }]);
  });

  it('sends the moderator export as a CSV file in their DM', async () => {
    const reply = await slash('UMOD', 'export');
    expect(reply.text).toBe('Export of 1 pairing with check-in and goal counts (no private notes).');
    await fake.waitForCall('files.completeUploadExternal');
    const upload = fake.uploads.find((u) => u.filename?.startsWith('mentor-pairings-'));
    expect(upload?.completed).toBe(true);
    expect(upload?.content?.toString()).toMatch(/^pairing_id,mentor,mentee,status,/);
    expect(upload?.content?.toString()).toContain('slack:T0001:UANA,slack:T0001:UBEN,active,manual');
  });
});
