import { randomUUID } from 'node:crypto';
import type { FakeSlackApi } from '../../harness/fake-slack-api';
import { sendToSlackApp, slashCommandBody, viewSubmissionBody } from '../../harness/slack-requests';
import { rowCounts, type TestDatabase } from '../../helpers/test-databases';
import { SECRET, startSlackAppUnderTest, type SlackAppUnderTest } from './slack-app-under-test';

type Values = Record<
  string,
  Record<string, { type: string; value?: string | null; selected_option?: { value: string } | null }>
>;
const input = (value: string | null) => ({ value: { type: 'plain_text_input', value } });
const role = (value: string) => ({ value: { type: 'static_select', selected_option: { value } } });

// The join form: opened by a bare `/mentor join`, checked field by field, refusals shown inside the form.
describe('Slack forms', () => {
  let bot: SlackAppUnderTest;
  let fake: FakeSlackApi;
  let database: TestDatabase;
  let url: string;

  beforeAll(async () => {
    bot = await startSlackAppUnderTest({ users: { UFAY: { tz: 'Asia/Tokyo' } } });
    ({ fake, database, url } = bot);
  });
  afterAll(() => bot?.stop());

  const submit = async (userId: string, values: Values, viewId = `V${randomUUID().slice(0, 8)}`) =>
    sendToSlackApp(
      url,
      viewSubmissionBody({ userId, callbackId: 'mentor_profile', privateMetadata: 'join', values, viewId }),
      {
        signingSecret: SECRET,
      },
    );

  it('opens the join form for a bare /mentor join, with the time zone from the Slack profile', async () => {
    const body = slashCommandBody({
      userId: 'UFAY',
      channelId: 'C1',
      text: 'join',
      responseUrl: fake.responseUrl(),
      triggerId: 'trigger-join-1',
    });
    expect((await sendToSlackApp(url, body, { signingSecret: SECRET })).status).toBe(200);
    const opened = await fake.waitForCall('views.open');
    expect(opened.body['trigger_id']).toBe('trigger-join-1');
    const view = opened.body['view'] as {
      callback_id: string;
      blocks: { block_id: string; element: { initial_value?: string } }[];
    };
    expect(view.callback_id).toBe('mentor_profile');
    expect(view.blocks.map((b) => b.block_id)).toEqual([
      'role',
      'skills',
      'goals',
      'timezone',
      'languages',
      'capacity',
      'cadence',
    ]);
    expect(view.blocks.find((b) => b.block_id === 'timezone')!.element.initial_value).toBe('Asia/Tokyo');
  });

  it('shows field errors inside the form and writes nothing', async () => {
    const before = await rowCounts(database.db);
    const sent = await submit('UFAY', {
      role: role('mentor'),
      skills: input('pricing'),
      timezone: input('Mars/Base'),
      capacity: input('lots'),
    });
    expect(sent.status).toBe(200);
    expect(sent.json).toEqual({
      response_action: 'errors',
      errors: {
        timezone: '"Mars/Base" is not a time zone name; use an IANA name such as America/New_York or Europe/Berlin.',
        capacity: 'Capacity must be a whole number from 0 to 20; "lots" is not.',
      },
    });
    expect(await rowCounts(database.db)).toEqual(before);
  });

  it('joins from a valid form and confirms in a DM; a second join is refused inside the form', async () => {
    const ok = await submit('UFAY', {
      role: role('mentee'),
      goals: input('pricing, contracts'),
      timezone: input('Asia/Tokyo'),
      languages: input('ja, en'),
    });
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('');
    const dm = await fake.waitForCall('chat.postMessage', { where: (c) => c.body['channel'] === 'UFAY' });
    expect(String(dm.body['text'])).toMatch(/^Welcome, /);
    const member = await database.db.query('SELECT role, goals, languages, timezone FROM members');
    expect(member.rows).toEqual([
      { role: 'mentee', goals: ['pricing', 'contracts'], languages: ['ja', 'en'], timezone: 'Asia/Tokyo' },
    ]);
    const again = await submit('UFAY', {
      role: role('mentee'),
      goals: input('pricing'),
      timezone: input('Asia/Tokyo'),
    });
    expect(again.json).toEqual({
      response_action: 'errors',
      errors: { role: 'You have already joined as mentee; use `/mentor edit` to change your profile.' },
    });
  });

  describe('check-in, end and feedback forms', () => {
    const openForm = async (userId: string, text: string) => {
      const trigger = `trigger-${randomUUID().slice(0, 8)}`;
      const body = slashCommandBody({
        userId,
        channelId: 'C1',
        text,
        responseUrl: fake.responseUrl(),
        triggerId: trigger,
      });
      expect((await sendToSlackApp(url, body, { signingSecret: SECRET })).status).toBe(200);
      const call = await fake.waitForCall('views.open', { where: (c) => c.body['trigger_id'] === trigger });
      return call.body['view'] as { callback_id: string; private_metadata: string; blocks: { block_id: string }[] };
    };
    const submitForm = (userId: string, view: { private_metadata: string }, values: Values) =>
      sendToSlackApp(
        url,
        viewSubmissionBody({
          userId,
          callbackId: 'mentor_command',
          privateMetadata: view.private_metadata,
          values,
          viewId: `V${randomUUID().slice(0, 8)}`,
        }),
        { signingSecret: SECRET },
      );

    it('refuses a check-in inside the form when there is no pairing', async () => {
      const view = await openForm('UFAY', 'checkin');
      expect(view.callback_id).toBe('mentor_command');
      const sent = await submitForm('UFAY', view, { text: input('we met') });
      expect(sent.json).toEqual({
        response_action: 'errors',
        errors: { text: 'You have no active pairing yet; you will be matched in the next pairing round.' },
      });
    });

    it('logs a check-in with its note, ends a pairing with a reason, and takes a rating with a comment', async () => {
      await bot.slash('UGUS', 'join mentor skills: pricing tz: UTC');
      await bot.slash('UHAL', 'join mentee goals: pricing tz: UTC');
      await database.db.query(`UPDATE communities SET settings = '{"moderators": ["slack:T0001:UHAL"]}'`);
      await bot.slash('UHAL', 'pair <@UGUS> <@UHAL>');
      expect(
        (await submitForm('UHAL', await openForm('UHAL', 'checkin'), { text: input('talked rates for an hour') })).text,
      ).toBe('');
      const note = await database.db.query('SELECT note FROM check_ins');
      expect(note.rows).toEqual([{ note: 'talked rates for an hour' }]);
      expect((await submitForm('UHAL', await openForm('UHAL', 'end'), { text: input('I found a job') })).text).toBe('');
      const ended = await database.db.query<{ id: number; end_reason: string }>('SELECT id, end_reason FROM pairings');
      expect(ended.rows[0]!.end_reason).toBe('I found a job');
      const feedback = await openForm('UHAL', `feedback ${ended.rows[0]!.id}`);
      expect(feedback.blocks.map((b) => b.block_id)).toEqual(['rating', 'text']);
      expect((await submitForm('UHAL', feedback, { rating: role('4'), text: input('very helpful') })).text).toBe('');
      const rows = await database.db.query('SELECT rating, text FROM feedback');
      expect(rows.rows).toEqual([{ rating: 4, text: 'very helpful' }]);
    });
  });
});
