import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import { createSlackApp } from '../../../adapters/slack/create-slack-app';
import { postgresStore } from '../../../db/postgres-store';
import { commandRunner } from '../../../src/commands/run-command';
import { testClock } from '../../helpers/command-harness';
import { recordingScheduler } from '../../helpers/recording-scheduler';
import { silentLogger } from '../../helpers/silent-logger';
import { createPgliteDatabase, type TestDatabase } from '../../helpers/test-databases';
import { startFakeSlackApi, type FakeSlackApi } from '../../harness/fake-slack-api';
import { startFakeSlackSocket, type FakeSlackSocket } from '../../harness/fake-slack-socket';

// Socket Mode: no public URL; the app dials out to Slack's WebSocket and receives the same requests there.
describe('the Slack app in Socket Mode', () => {
  let fake: FakeSlackApi;
  let socket: FakeSlackSocket;
  let database: TestDatabase;
  let app: App;

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    socket = await startFakeSlackSocket(fake);
    database = await createPgliteDatabase();
    const logger = silentLogger();
    const runCommand = commandRunner({
      store: postgresStore(database.db),
      clock: testClock(),
      logger,
      newId: randomUUID,
      scheduler: recordingScheduler(),
    });
    app = createSlackApp({
      botToken: 'xoxb-T0001-fake',
      appToken: 'xapp-1-fake',
      botUserId: 'UBOT',
      apiUrl: fake.url,
      runCommand,
      logger,
      retries: 0,
    });
    await app.start();
    await socket.connected();
  });
  afterAll(async () => {
    await app?.stop();
    await socket?.stop();
    await database?.dispose();
    await fake?.stop();
  });

  it('answers /mentor received over the socket', async () => {
    const ack = await socket.deliver('slash_commands', {
      token: 'fake',
      team_id: 'T0001',
      team_domain: 'ws',
      channel_id: 'C1',
      channel_name: 'general',
      user_id: 'USOCK',
      user_name: 'sock',
      command: '/mentor',
      text: 'join mentee goals: pricing tz: UTC',
      api_app_id: 'A0MENTOR',
      response_url: fake.responseUrl('socket'),
      trigger_id: 'trigger-socket-1',
    });
    expect(ack.envelope_id).toBe('env-1');
    expect(((await fake.waitForResponse('socket')).body as { text: string }).text).toMatch(/^Welcome, /);
    const opened = fake.callsTo('apps.connections.open');
    expect(opened[0]!.token).toBe('xapp-1-fake');
    const members = await database.db.query('SELECT id FROM members');
    expect(members.rows).toEqual([{ id: 'slack:T0001:USOCK' }]);
  });
});
