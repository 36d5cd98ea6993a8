import { startFakeSlackApi, type FakeSlackApi } from '../harness/fake-slack-api';

/**
 * Proves the fake Slack Web API speaks the wire format real clients use, without Bolt or @slack/web-api
 * installed: requests are built here exactly as WebClient builds them (form-encoded, non-scalar arguments
 * JSON-encoded, `Authorization: Bearer`, uploads as multipart with field `body`).
 */

const TOKEN = 'xoxb-T0001-fake';

/** What WebClient puts on the wire for `client.apiCall(method, args)`; `token: null` sends none. */
async function callApi(
  fake: FakeSlackApi,
  method: string,
  args: Record<string, unknown> = {},
  { token = TOKEN as string | null, json = false } = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  let body: string;
  if (json) {
    headers['content-type'] = 'application/json; charset=utf-8';
    body = JSON.stringify(args);
  } else {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    const form = Object.entries(args).map(([k, v]): [string, string] => [
      k,
      typeof v === 'object' ? JSON.stringify(v) : String(v),
    ]);
    body = new URLSearchParams(form).toString();
  }
  const response = await fetch(`${fake.url}${method}`, { method: 'POST', headers, body });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

let fake: FakeSlackApi;
beforeAll(async () => {
  fake = await startFakeSlackApi({
    users: { U1: { tz: 'Europe/Berlin', isAdmin: true, displayName: 'ana', realName: 'Ana Lima' } },
  });
});
afterEach(() => fake.reset());
afterAll(() => fake.stop());

describe('fake Slack Web API', () => {
  it('listens on loopback with a WebClient-style base URL', () => {
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
    expect(fake.url).toBe(`http://127.0.0.1:${fake.port}/api/`);
  });

  it('records a form-encoded chat.postMessage with its blocks decoded and the Bearer token', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Welcome*' } }];
    const { body } = await callApi(fake, 'chat.postMessage', { channel: 'C1', text: 'Welcome', blocks });
    expect(body).toMatchObject({ ok: true, channel: 'C1', message: { text: 'Welcome', bot_id: 'B0BOT0001', blocks } });
    expect(body['ts']).toMatch(/^\d{10}\.\d{6}$/);
    const [call] = fake.callsTo('chat.postMessage');
    expect(call).toMatchObject({ token: TOKEN, authorization: `Bearer ${TOKEN}`, body: { channel: 'C1', blocks } });
    expect(call?.contentType).toBe('application/x-www-form-urlencoded');
    expect(call?.rawBody).toContain('blocks=%5B%7B');
  });

  it('accepts JSON bodies and body tokens, and refuses calls without a token', async () => {
    const { body } = await callApi(fake, 'chat.postMessage', { channel: 'C1', text: 'hi' }, { json: true });
    expect(body['ok']).toBe(true);
    const viaBody = await callApi(fake, 'auth.test', { token: TOKEN }, { token: null });
    expect(viaBody.body['ok']).toBe(true);
    expect(fake.callsTo('auth.test')[0]).toMatchObject({ token: TOKEN, authorization: undefined });
    expect((await callApi(fake, 'auth.test', {}, { token: null })).body).toEqual({ ok: false, error: 'not_authed' });
  });

  it('answers Slack-style errors for malformed messages and unknown methods', async () => {
    expect((await callApi(fake, 'chat.postMessage', { channel: 'C1' })).body['error']).toBe('no_text');
    const objectBlocks = await callApi(fake, 'chat.postMessage', { channel: 'C1', blocks: { type: 'section' } });
    expect(objectBlocks.body['error']).toBe('invalid_blocks');
    expect((await callApi(fake, 'chat.frobnicate')).body).toMatchObject({ ok: false, error: 'unknown_method' });
  });

  it('failNext fails the next calls of one method only, and records them', async () => {
    fake.failNext('chat.postMessage', 'user_not_found', 2);
    const args = { channel: 'C1', text: 'x' };
    expect((await callApi(fake, 'chat.postMessage', args)).body).toEqual({ ok: false, error: 'user_not_found' });
    expect((await callApi(fake, 'auth.test')).body['ok']).toBe(true);
    expect((await callApi(fake, 'chat.postMessage', args)).body['error']).toBe('user_not_found');
    expect((await callApi(fake, 'chat.postMessage', args)).body['ok']).toBe(true);
    expect(fake.callsTo('chat.postMessage').map((c) => c.response['ok'])).toEqual([false, false, true]);
  });

  it('rateLimitNext answers 429 with Retry-After once', async () => {
    fake.rateLimitNext('chat.postMessage', 7);
    const limited = await callApi(fake, 'chat.postMessage', { channel: 'C1', text: 'x' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.body).toEqual({ ok: false, error: 'ratelimited' });
    expect((await callApi(fake, 'chat.postMessage', { channel: 'C1', text: 'x' })).status).toBe(200);
    expect(fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 200]);
  });

  it('respondWith overrides a method (with the default at hand) until cleared', async () => {
    fake.respondWith('chat.postMessage', (call, fallback) => ({ ...fallback(), echoed: call.body['text'] }));
    const { body } = await callApi(fake, 'chat.postMessage', { channel: 'C1', text: 'ping' });
    expect(body).toMatchObject({ ok: true, channel: 'C1', echoed: 'ping' });
    fake.respondWith('chat.postMessage', undefined);
    expect((await callApi(fake, 'chat.postMessage', { channel: 'C1', text: 'p' })).body['echoed']).toBeUndefined();
  });

  it('conversations.open gives stable DM and group-DM ids; posting to a user id lands in the DM', async () => {
    const dm = await callApi(fake, 'conversations.open', { users: 'U1' });
    const dmId = (dm.body['channel'] as { id: string }).id;
    expect(dmId).toMatch(/^D/);
    expect((await callApi(fake, 'conversations.open', { users: 'U1' })).body).toMatchObject({
      already_open: true,
      channel: { id: dmId },
    });
    const group = await callApi(fake, 'conversations.open', { users: 'U1,U2,U3' });
    const groupId = (group.body['channel'] as { id: string }).id;
    expect(groupId).toMatch(/^[GC]/);
    expect((await callApi(fake, 'conversations.open', { users: 'U3,U2,U1' })).body['channel']).toEqual({ id: groupId });
    expect((await callApi(fake, 'chat.postMessage', { channel: 'U1', text: 'hi' })).body['channel']).toBe(dmId);
    expect((await callApi(fake, 'conversations.open', {})).body['error']).toBe('users_list_not_supplied');
  });

  it('users.info answers per-user config and a plausible default for others', async () => {
    const { body } = await callApi(fake, 'users.info', { user: 'U1' });
    expect(body['user']).toMatchObject({
      id: 'U1',
      tz: 'Europe/Berlin',
      real_name: 'Ana Lima',
      is_admin: true,
      is_owner: false,
      profile: { display_name: 'ana', real_name: 'Ana Lima' },
    });
    expect([3600, 7200]).toContain((body['user'] as { tz_offset: number }).tz_offset);
    const other = await callApi(fake, 'users.info', { user: 'U9' });
    expect(other.body['user']).toMatchObject({ id: 'U9', is_admin: false, team_id: 'T0001' });
    expect((await callApi(fake, 'users.info', { user: 'nobody' })).body['error']).toBe('user_not_found');
  });

  it('runs the files.uploadV2 dance and keeps the uploaded bytes', async () => {
    const content = 'name,score\nana,9\n';
    const step1 = await callApi(fake, 'files.getUploadURLExternal', { filename: 'pairs.csv', length: content.length });
    const { upload_url: uploadUrl, file_id: fileId } = step1.body as { upload_url: string; file_id: string };
    expect(uploadUrl.startsWith(fake.origin)).toBe(true);
    const early = await callApi(fake, 'files.completeUploadExternal', { files: [{ id: fileId }], channel_id: 'C1' });
    expect(early.body['error']).toBe('file_not_found');

    const form = new FormData();
    form.append('body', new Blob([Buffer.from(content)]), 'Untitled');
    const step2 = await fetch(uploadUrl, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: form });
    expect([step2.status, await step2.text()]).toEqual([200, `OK - ${content.length}`]);

    const files = [{ id: fileId, title: 'Pairs' }];
    const step3 = await callApi(fake, 'files.completeUploadExternal', {
      files,
      channel_id: 'C1',
      initial_comment: 'Round 3',
    });
    expect(step3.body).toMatchObject({ ok: true, files: [{ id: fileId, title: 'Pairs' }] });
    expect(fake.callsTo('files.completeUploadExternal')[1]?.body['files']).toEqual(files);
    const [upload] = fake.uploads;
    expect(upload?.content?.toString('utf8')).toBe(content);
    expect(upload).toMatchObject({
      filename: 'pairs.csv',
      completed: true,
      channelId: 'C1',
      initialComment: 'Round 3',
    });
  });

  it('opens, updates and publishes views with stable ids and hash checks', async () => {
    const modal = { type: 'modal', callback_id: 'join', title: { type: 'plain_text', text: 'Join' }, blocks: [] };
    expect((await callApi(fake, 'views.open', { view: modal })).body['error']).toBe('invalid_arguments');
    const opened = (await callApi(fake, 'views.open', { trigger_id: '1.2.abc', view: modal })).body['view'] as {
      id: string;
      hash: string;
    };
    expect(opened).toMatchObject({ callback_id: 'join', state: { values: {} } });
    const update = { view_id: opened.id, view: { ...modal, callback_id: 'join2' } };
    const updated = await callApi(fake, 'views.update', { ...update, hash: opened.hash });
    expect(updated.body['view']).toMatchObject({ id: opened.id, callback_id: 'join2' });
    expect((await callApi(fake, 'views.update', { ...update, hash: opened.hash })).body['error']).toBe('hash_conflict');
    const home = { type: 'home', blocks: [] };
    const first = await callApi(fake, 'views.publish', { user_id: 'U1', view: home });
    const again = await callApi(fake, 'views.publish', { user_id: 'U1', view: home });
    expect((again.body['view'] as { id: string }).id).toBe((first.body['view'] as { id: string }).id);
  });

  it('records response_url posts and lets a test wait for them', async () => {
    const url = fake.responseUrl('cmd-1');
    const waiting = fake.waitForResponse('cmd-1');
    const message = { response_type: 'ephemeral', text: 'You are now a mentor.' };
    const posted = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
    });
    expect(posted.status).toBe(200);
    await expect(waiting).resolves.toMatchObject({ id: 'cmd-1', body: message });
    expect(fake.responseUrl()).not.toBe(fake.responseUrl());
  });

  it('waitForCall resolves on a later call and fails readably when none comes', async () => {
    const waiting = fake.waitForCall('chat.postMessage', { where: (c) => c.body['channel'] === 'C2' });
    await callApi(fake, 'chat.postMessage', { channel: 'C1', text: 'a' });
    await callApi(fake, 'chat.postMessage', { channel: 'C2', text: 'b' });
    await expect(waiting).resolves.toMatchObject({ body: { text: 'b' } });
    await expect(fake.waitForCall('views.open', { timeoutMs: 20 })).rejects.toThrow(/views\.open.*seen: chat\.post/s);
  });
});

describe('fake Slack Web API with several workspaces', () => {
  let multi: FakeSlackApi;
  beforeAll(async () => {
    multi = await startFakeSlackApi({
      workspaces: [{ teamId: 'T0001' }, { teamId: 'T0002', teamName: 'Gig Guild', enterpriseId: 'E1' }],
      rejectUnknownTokens: true,
      unknownUsers: 'not_found',
      clientId: '111.222',
      clientSecret: 'shh',
    });
  });
  afterAll(() => multi.stop());

  it('exchanges an install code for that workspace and knows its token afterwards', async () => {
    const basic = `Basic ${Buffer.from('111.222:shh').toString('base64')}`;
    const exchange = await fetch(`${multi.url}oauth.v2.access`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'code=code-T0002',
    });
    const install = (await exchange.json()) as Record<string, unknown>;
    expect(install).toMatchObject({
      ok: true,
      access_token: 'xoxb-T0002-fake',
      bot_user_id: 'U0BOT0002',
      app_id: 'A0MENTOR',
      team: { id: 'T0002', name: 'Gig Guild' },
      enterprise: { id: 'E1' },
      authed_user: { id: 'U0ADMIN0002' },
    });
    const auth = await callApi(multi, 'auth.test', {}, { token: 'xoxb-T0002-fake' });
    expect(auth.body).toMatchObject({ ok: true, team_id: 'T0002', user_id: 'U0BOT0002', bot_id: 'B0BOT0002' });
    const team = await callApi(multi, 'team.info', {}, { token: 'xoxb-T0002-fake' });
    expect(team.body).toMatchObject({ ok: true, team: { id: 'T0002', name: 'Gig Guild' } });
  });

  it('refuses bad codes, bad client credentials, unknown tokens and unknown users', async () => {
    const withCreds = { client_id: '111.222', client_secret: 'shh' };
    expect((await callApi(multi, 'oauth.v2.access', { ...withCreds, code: 'nope' })).body['error']).toBe(
      'invalid_code',
    );
    const badSecret = { ...withCreds, client_secret: 'guess', code: 'code-T0001' };
    expect((await callApi(multi, 'oauth.v2.access', badSecret)).body['error']).toBe('bad_client_secret');
    expect((await callApi(multi, 'auth.test', {}, { token: 'xoxb-stolen' })).body['error']).toBe('invalid_auth');
    const user = await callApi(multi, 'users.info', { user: 'U42' }, { token: 'xoxb-T0001-fake' });
    expect(user.body['error']).toBe('user_not_found');
  });
});
