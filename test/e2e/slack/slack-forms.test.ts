import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import { createSlackApp } from '../../../adapters/slack/create-slack-app';
import { postgresStore } from '../../../db/postgres-store';
import { commandRunner } from '../../../src/commands/run-command';
import { testClock } from '../../helpers/command-harness';
import { recordingScheduler } from '../../helpers/recording-scheduler';
import { silentLogger } from '../../helpers/silent-logger';
import { createPgliteDatabase, rowCounts, type TestDatabase } from '../../helpers/test-databases';
import { startFakeSlackApi, type FakeSlackApi } from '../../harness/fake-slack-api';
import { sendToSlackApp, slashCommandBody, viewSubmissionBody } from '../../harness/slack-requests';

const SECRET = 'forms-test-secret';

type Values = Record<
  string,
  Record<string, { type: string; value?: string | null; selected_option?: { value: string } | null }>
>;
const input = (value: string | null) => ({ value: { type: 'plain_text_input', value } });
const role = (value: string) => ({ value: { type: 'static_select', selected_option: { value } } });

// The join form: opened by a bare `/mentor join`, checked field by field, refusals shown inside the form.
describe('Slack forms', () => {
  let fake: FakeSlackApi;
  let database: TestDatabase;
  let app: App;
  let url: string;

  beforeAll(async () => {
    fake = await startFakeSlackApi({ users: { UFAY: { tz: 'Asia/Tokyo' } } });
    database = await createPgliteDatabase();
    const store = postgresStore(database.db);
    const logger = silentLogger();
    const runCommand = commandRunner({
      store,
      clock: testClock(),
      logger,
      newId: randomUUID,
      scheduler: recordingScheduler(),
    });
    app = createSlackApp({
      signingSecret: SECRET,
      botToken: 'xoxb-T0001-fake',
      botUserId: 'UBOT',
      apiUrl: fake.url,
      runCommand,
      logger,
      retries: 0,
    });
    const server = (await app.start(0)) as Server;
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterAll(async () => {
    await app?.stop();
    await database?.dispose();
    await fake?.stop();
  });

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
