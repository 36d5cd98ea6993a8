import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import { createSlackApp } from '../../../adapters/slack/create-slack-app';
import { slackPlatform } from '../../../adapters/slack/slack-platform';
import { postgresStore } from '../../../db/postgres-store';
import { slackInstallationStore } from '../../../db/slack-installation-store';
import { commandRunner } from '../../../src/commands/run-command';
import { testClock } from '../../helpers/command-harness';
import { recordingScheduler } from '../../helpers/recording-scheduler';
import { silentLogger } from '../../helpers/silent-logger';
import { createPgliteDatabase, type TestDatabase } from '../../helpers/test-databases';
import { startFakeSlackApi, type FakeSlackApi } from '../../harness/fake-slack-api';
import { sendToSlackApp, slashCommandBody } from '../../harness/slack-requests';

const SECRET = 'install-test-secret';

// Multi-workspace mode: a workspace installs the app through /slack/install, its token lands in Postgres, and
// from then on it is its own community, answered and messaged with its own token.
describe('installing the Slack app in several workspaces', () => {
  let fake: FakeSlackApi;
  let database: TestDatabase;
  let app: App;
  let base: string;

  beforeAll(async () => {
    fake = await startFakeSlackApi({ workspaces: [{ teamId: 'T0001' }, { teamId: 'T0002', teamName: 'Second' }] });
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
    const oauth = {
      clientId: 'client-id',
      clientSecret: 'client-secret-1',
      stateSecret: 'state-secret-0123456789',
      installationStore: slackInstallationStore(database.db),
    };
    app = createSlackApp({ signingSecret: SECRET, oauth, apiUrl: fake.url, runCommand, logger, retries: 0 });
    const server = (await app.start(0)) as Server;
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.stop();
    await database?.dispose();
    await fake?.stop();
  });

  async function install(teamId: string): Promise<number> {
    const start = await fetch(`${base}/slack/install`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
    const done = await fetch(`${base}/slack/oauth_redirect?code=code-${teamId}&state=${encodeURIComponent(state)}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    return done.status;
  }

  it('stores each installation and answers each workspace with its own token', async () => {
    expect(await install('T0002')).toBe(200);
    const stored = await database.db.query<{ install_key: string; token: string }>(
      `SELECT install_key, installation->'bot'->>'token' AS token FROM slack_installations`,
    );
    expect(stored.rows).toEqual([{ install_key: 'T:T0002', token: 'xoxb-T0002-fake' }]);

    const id = randomUUID();
    const body = slashCommandBody({
      teamId: 'T0002',
      userId: 'UZED',
      channelId: 'C1',
      text: 'join mentee goals: pricing tz: UTC',
      responseUrl: fake.responseUrl(id),
    });
    expect((await sendToSlackApp(`${base}/slack/events`, body, { signingSecret: SECRET })).status).toBe(200);
    expect(((await fake.waitForResponse(id)).body as { text: string }).text).toMatch(/^Welcome, /);
    const lookup = await fake.waitForCall('users.info', { where: (c) => c.body['user'] === 'UZED' });
    expect(lookup.token).toBe('xoxb-T0002-fake');
    const members = await database.db.query('SELECT community_id, id FROM members');
    expect(members.rows).toEqual([{ community_id: 'slack:T0002', id: 'slack:T0002:UZED' }]);
  });

  it('sends messages to a workspace with the token it installed', async () => {
    const platform = slackPlatform({
      signingSecret: SECRET,
      oauth: {
        clientId: 'client-id',
        clientSecret: 'client-secret-1',
        stateSecret: 'state-secret-0123456789',
        installationStore: slackInstallationStore(database.db),
      },
      apiUrl: fake.url,
      logger: silentLogger(),
    });
    await platform.messenger.send('slack:T0002:UZED', { text: 'hello from the worker' });
    const sent = await fake.waitForCall('chat.postMessage', {
      where: (c) => c.body['text'] === 'hello from the worker',
    });
    expect(sent.token).toBe('xoxb-T0002-fake');
    await expect(platform.messenger.send('slack:T0003:UNOBODY', { text: 'x' })).rejects.toThrow(
      'not installed in T:T0003',
    );
  });

  it('refuses an install whose state does not match', async () => {
    const done = await fetch(`${base}/slack/oauth_redirect?code=code-T0001&state=forged`, { redirect: 'manual' });
    expect(done.status).toBeGreaterThanOrEqual(400);
    const stored = await database.db.query(`SELECT install_key FROM slack_installations WHERE install_key = 'T:T0001'`);
    expect(stored.rows).toEqual([]);
  });
});
