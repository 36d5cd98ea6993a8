import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signSlackRequest } from '../harness/slack-signature';
import {
  blockActionsBody,
  eventCallbackBody,
  plainTextInputValues,
  sendToSlackApp,
  slashCommandBody,
  viewSubmissionBody,
} from '../harness/slack-requests';

const SECRET = 'test-signing-secret';

/** Decodes a `payload=<JSON>` interaction form back into the object Slack would have sent. */
const payloadOf = (form: string): Record<string, unknown> =>
  JSON.parse(new URLSearchParams(form).get('payload') ?? 'null') as Record<string, unknown>;

describe('signSlackRequest', () => {
  it("matches the example in Slack's request-signing documentation", () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V' +
      '&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
      '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
      '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(signSlackRequest('8f742231b10e8888abcd99yyyzzz85a5', body, 1531420618)).toEqual({
      'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
      'x-slack-request-timestamp': '1531420618',
      'content-type': 'application/x-www-form-urlencoded',
    });
  });

  it('agrees with an HMAC computed here, and its wrong and stale variants differ as intended', () => {
    const body = '{"type":"event_callback"}';
    const expected = `v0=${createHmac('sha256', SECRET).update(`v0:1700000000:${body}`).digest('hex')}`;
    const good = signSlackRequest(SECRET, body, 1700000000);
    expect(good).toMatchObject({ 'x-slack-signature': expected, 'content-type': 'application/json' });

    const wrong = signSlackRequest(SECRET, body, 1700000000, { badSignature: true });
    expect(wrong['x-slack-request-timestamp']).toBe('1700000000');
    expect(wrong['x-slack-signature']).toMatch(/^v0=[0-9a-f]{64}$/);
    expect(wrong['x-slack-signature']).not.toBe(expected);

    const stale = signSlackRequest(SECRET, body, undefined, { stale: true, nowSeconds: 1700000000 });
    const staleTs = Number(stale['x-slack-request-timestamp']);
    expect(1700000000 - staleTs).toBeGreaterThan(5 * 60);
    // Correctly signed for its own timestamp, so only the freshness check can reject it.
    const resigned = createHmac('sha256', SECRET).update(`v0:${staleTs}:${body}`).digest('hex');
    expect(stale['x-slack-signature']).toBe(`v0=${resigned}`);
  });
});

describe('request builders', () => {
  it('builds a slash command form with every field Slack sends', () => {
    const form = new URLSearchParams(
      slashCommandBody({
        userId: 'U1',
        userName: 'ana',
        channelId: 'D1',
        text: 'join mentor',
        responseUrl: 'http://127.0.0.1:1/response/r1',
        triggerId: '1.2.abc',
      }),
    );
    expect(Object.fromEntries(form)).toMatchObject({
      team_id: 'T0001',
      channel_id: 'D1',
      channel_name: 'directmessage',
      user_id: 'U1',
      user_name: 'ana',
      command: '/mentor',
      text: 'join mentor',
      api_app_id: 'A0MENTOR',
      is_enterprise_install: 'false',
      response_url: 'http://127.0.0.1:1/response/r1',
      trigger_id: '1.2.abc',
    });
    for (const field of ['token', 'team_domain']) expect(form.get(field)).toBeTruthy();
    expect(form.has('enterprise_id')).toBe(false);
    const enterprise = new URLSearchParams(
      slashCommandBody({ userId: 'U1', channelId: 'C1', responseUrl: 'x', enterpriseId: 'E1' }),
    );
    expect(enterprise.get('enterprise_id')).toBe('E1');
  });

  it('builds block_actions payloads for messages and for views', () => {
    const onMessage = payloadOf(
      blockActionsBody({
        userId: 'U1',
        actionId: 'accept_match',
        value: 'pair:7',
        responseUrl: 'http://r',
        channelId: 'D9',
      }),
    );
    expect(onMessage).toMatchObject({
      type: 'block_actions',
      team: { id: 'T0001' },
      user: { id: 'U1', username: 'u1', name: 'u1', team_id: 'T0001' },
      api_app_id: 'A0MENTOR',
      container: { type: 'message', channel_id: 'D9' },
      channel: { id: 'D9' },
      response_url: 'http://r',
      actions: [{ type: 'button', action_id: 'accept_match', value: 'pair:7' }],
    });
    expect(typeof onMessage['trigger_id']).toBe('string');

    const inView = payloadOf(
      blockActionsBody({
        userId: 'U1',
        actionId: 'pick_skill',
        actionType: 'static_select',
        selectedOption: { value: 'rust' },
        view: { id: 'V1', type: 'home' },
      }),
    );
    expect(inView).toMatchObject({
      container: { type: 'view', view_id: 'V1' },
      view: { id: 'V1', type: 'home', state: { values: {} } },
      actions: [{ type: 'static_select', selected_option: { value: 'rust' } }],
    });
    expect(inView).not.toHaveProperty('response_url');
    expect(inView).not.toHaveProperty('channel');
  });

  it('builds a view_submission payload with state values', () => {
    const values = plainTextInputValues({ goals: { goals_input: 'Ship a portfolio' } });
    const payload = payloadOf(
      viewSubmissionBody({
        userId: 'U1',
        callbackId: 'join_modal',
        privateMetadata: '{"round":3}',
        values,
        viewId: 'V7',
      }),
    );
    expect(payload).toMatchObject({
      type: 'view_submission',
      user: { id: 'U1' },
      view: {
        id: 'V7',
        type: 'modal',
        callback_id: 'join_modal',
        private_metadata: '{"round":3}',
        state: { values: { goals: { goals_input: { type: 'plain_text_input', value: 'Ship a portfolio' } } } },
      },
      response_urls: [],
    });
  });

  it('builds an event_callback as JSON', () => {
    const body = eventCallbackBody({ event: { type: 'app_home_opened', user: 'U1', tab: 'home' }, eventId: 'Ev1' });
    expect(JSON.parse(body)).toMatchObject({
      type: 'event_callback',
      team_id: 'T0001',
      api_app_id: 'A0MENTOR',
      event_id: 'Ev1',
      event: { type: 'app_home_opened', user: 'U1', tab: 'home' },
      authorizations: [{ team_id: 'T0001', user_id: 'U0BOT0001', is_bot: true }],
    });
    expect(typeof JSON.parse(body).event.event_ts).toBe('string');
  });
});

describe('sendToSlackApp', () => {
  let server: Server;
  let url: string;

  // A stand-in app that verifies requests the way Bolt does, written from Slack's spec rather than the helper.
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const ts = Number(req.headers['x-slack-request-timestamp']);
        const expected = Buffer.from(`v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${raw}`).digest('hex')}`);
        const given = Buffer.from(String(req.headers['x-slack-signature']));
        const fresh = Math.abs(Date.now() / 1000 - ts) <= 300;
        if (!fresh || given.length !== expected.length || !timingSafeEqual(given, expected)) {
          res.writeHead(401).end('invalid signature');
          return;
        }
        const echo = {
          contentType: req.headers['content-type'],
          retryNum: req.headers['x-slack-retry-num'],
          retryReason: req.headers['x-slack-retry-reason'],
          raw,
        };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(echo));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends a signed form that a verifying app accepts, byte for byte', async () => {
    const body = slashCommandBody({ userId: 'U1', channelId: 'C1', text: 'help & more', responseUrl: 'http://r' });
    const response = await sendToSlackApp(url, body, { signingSecret: SECRET });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ contentType: 'application/x-www-form-urlencoded', raw: body });
  });

  it('adds retry headers when asked', async () => {
    const body = eventCallbackBody({ event: { type: 'app_home_opened', user: 'U1', tab: 'home' }, eventId: 'Ev9' });
    const response = await sendToSlackApp(url, body, {
      signingSecret: SECRET,
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    expect(response.json).toMatchObject({
      contentType: 'application/json',
      retryNum: '1',
      retryReason: 'http_timeout',
    });
  });

  it('produces requests a verifying app rejects: wrong signature, stale timestamp', async () => {
    const body = eventCallbackBody({ event: { type: 'app_home_opened', user: 'U1', tab: 'home' } });
    const wrong = await sendToSlackApp(url, body, { signingSecret: SECRET, badSignature: true });
    const stale = await sendToSlackApp(url, body, { signingSecret: SECRET, stale: true });
    expect([wrong.status, wrong.text, wrong.json]).toEqual([401, 'invalid signature', undefined]);
    expect(stale.status).toBe(401);
  });
});
