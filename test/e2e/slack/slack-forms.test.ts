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
});
