import { dmChannelId } from '../../harness/discord/handle-discord-rest';
import WebSocket from 'ws';
import { startFakeDiscord, type FakeDiscord } from '../../harness/discord/fake-discord';
import { buttonInteraction, slashCommandInteraction } from '../../harness/discord/interactions';

/**
 * Proves the fake Discord speaks the wire format discord.js uses, without discord.js installed: REST calls
 * are made with fetch as @discordjs/rest makes them (`/api/v10/...`, `Authorization: Bot <token>`, JSON),
 * the gateway is driven with a plain `ws` client as @discordjs/ws drives it.
 */

const APP = '1200000000000000001';
const GUILD = '1300000000000000001';
const CHANNEL = '1300000000000000010';
const ALICE = { id: '1400000000000000001', username: 'alice' };
const BOB = { id: '1400000000000000002', username: 'bob' };
const AUTH = { authorization: 'Bot fake-token' };

interface GatewayPayload {
  op: number;
  t?: string | null;
  s?: number | null;
  d?: Record<string, unknown>;
}

/** A gateway client that buffers payloads so a test can await the next one. */
async function connect(fake: FakeDiscord): Promise<{ ws: WebSocket; next(): Promise<GatewayPayload> }> {
  const ws = new WebSocket(`${fake.gatewayUrl}?v=10&encoding=json`);
  const queue: GatewayPayload[] = [];
  const takers: ((p: GatewayPayload) => void)[] = [];
  ws.on('message', (data) => {
    const payload = JSON.parse(String(data)) as GatewayPayload;
    const taker = takers.shift();
    if (taker) taker(payload);
    else queue.push(payload);
  });
  await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
  const next = (): Promise<GatewayPayload> => {
    const queued = queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no gateway payload within 2 s')), 2000);
      takers.push((p) => {
        clearTimeout(timer);
        resolve(p);
      });
    });
  };
  return { ws, next };
}

async function rest(
  fake: FakeDiscord,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const response = await fetch(`${fake.apiUrl}/v10${path}`, {
    method,
    headers: { ...AUTH, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

let fake: FakeDiscord;
beforeEach(async () => {
  fake = await startFakeDiscord({
    applicationId: APP,
    guilds: [
      {
        id: GUILD,
        name: 'Freelancers',
        ownerId: ALICE.id,
        members: [{ ...ALICE, permissions: '8' }, BOB],
        channels: [{ id: CHANNEL, name: 'general', type: 0 }],
      },
    ],
  });
});
afterEach(() => fake.stop());

describe('gateway', () => {
  it('says HELLO, answers IDENTIFY with READY and GUILD_CREATE, and acks heartbeats', async () => {
    const { ws, next } = await connect(fake);
    expect(await next()).toEqual({ op: 10, d: { heartbeat_interval: 41250 } });
    ws.send(JSON.stringify({ op: 2, d: { token: 'fake-token', intents: 1, properties: {} } }));
    const ready = await next();
    expect(ready).toMatchObject({ op: 0, t: 'READY', s: 1 });
    expect(ready.d).toMatchObject({
      v: 10,
      user: { id: APP, bot: true },
      guilds: [{ id: GUILD, unavailable: true }],
      resume_gateway_url: fake.gatewayUrl,
      application: { id: APP, flags: 0 },
    });
    expect(typeof ready.d?.['session_id']).toBe('string');
    const guild = await next();
    expect(guild).toMatchObject({ op: 0, t: 'GUILD_CREATE', s: 2 });
    expect(guild.d).toMatchObject({ id: GUILD, name: 'Freelancers', owner_id: ALICE.id, unavailable: false });
    expect(guild.d?.['roles']).toContainEqual(
      expect.objectContaining({ id: GUILD, name: '@everyone', permissions: '0' }),
    );
    expect(guild.d?.['channels']).toEqual([expect.objectContaining({ id: CHANNEL, guild_id: GUILD, type: 0 })]);
    expect(guild.d?.['member_count']).toBe(3); // alice, bob and the bot
    for (const key of ['features', 'emojis', 'stickers', 'presences', 'voice_states', 'threads', 'stage_instances'])
      expect(guild.d?.[key]).toEqual([]);
    ws.send(JSON.stringify({ op: 1, d: 2 }));
    expect(await next()).toEqual({ op: 11 });
    expect(fake.gatewayReceived.map((p) => p.op)).toEqual([2, 1]);
    expect(fake.readySessions()).toBe(1);
    ws.close();
  });

  it('dispatches interactions as INTERACTION_CREATE with increasing sequence numbers', async () => {
    const { ws, next } = await connect(fake);
    await next();
    ws.send(JSON.stringify({ op: 2, d: { token: 'fake-token', intents: 1, properties: {} } }));
    await next();
    await next();
    const first = slashCommandInteraction({ guildId: GUILD, user: ALICE, name: 'mentor', applicationId: APP });
    const second = buttonInteraction({ guildId: GUILD, user: BOB, customId: 'accept:1', applicationId: APP });
    await fake.dispatchInteraction(first);
    await fake.dispatchInteraction(second);
    expect(await next()).toEqual({ op: 0, t: 'INTERACTION_CREATE', s: 3, d: first });
    expect(await next()).toMatchObject({ op: 0, t: 'INTERACTION_CREATE', s: 4, d: { id: second['id'] } });
    // Webhook replies land in the dispatched interaction's channel.
    const followUp = await rest(fake, 'POST', `/webhooks/${APP}/${String(second['token'])}`, { content: 'ok' });
    expect(followUp.body).toMatchObject({ channel_id: second['channel_id'], guild_id: GUILD });
    ws.close();
  });

  it('rejects a dispatch when no client has identified', async () => {
    await expect(fake.dispatch('INTERACTION_CREATE', {}, 50)).rejects.toThrow(/no gateway session/);
  });
});

describe('REST', () => {
  it('serves gateway/bot, users/@me and unknown routes like Discord', async () => {
    expect((await rest(fake, 'GET', '/gateway/bot')).body).toEqual({
      url: fake.gatewayUrl,
      shards: 1,
      session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
    });
    expect((await rest(fake, 'GET', '/users/@me')).body).toMatchObject({ id: APP, bot: true });
    expect(await rest(fake, 'GET', '/nope')).toMatchObject({
      status: 404,
      body: { message: '404: Not Found', code: 0 },
    });
    expect(fake.calls[0]).toMatchObject({ method: 'GET', path: '/gateway/bot', authorization: 'Bot fake-token' });
  });

  it('records command registration and answers with ids', async () => {
    const commands = [{ name: 'mentor', description: 'Mentoring', options: [] }];
    const guildPut = await rest(fake, 'PUT', `/applications/${APP}/guilds/${GUILD}/commands`, commands);
    expect(guildPut.body).toEqual([expect.objectContaining({ name: 'mentor', application_id: APP, guild_id: GUILD })]);
    await rest(fake, 'PUT', `/applications/${APP}/commands`, commands);
    const call = await fake.waitForCall('PUT', /^\/applications\/[^/]+\/commands$/);
    expect(call.body).toEqual(commands);
  });

  it('records interaction callbacks and decodes %40original edits into the same message', async () => {
    const i = slashCommandInteraction({
      guildId: GUILD,
      channelId: CHANNEL,
      user: ALICE,
      name: 'mentor',
      applicationId: APP,
    });
    const token = String(i['token']);
    const callback = await fetch(
      `${fake.apiUrl}/v10/interactions/${String(i['id'])}/${token}/callback?with_response=false`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 4, data: { content: 'Hi', flags: 64 } }),
      },
    );
    expect(callback.status).toBe(204);
    const edit = await rest(fake, 'PATCH', `/webhooks/${APP}/${token}/messages/%40original`, { content: 'Edited' });
    expect(edit.body).toMatchObject({ content: 'Edited', flags: 64, webhook_id: APP });
    expect((edit.body as { id: string }).id).toBe(fake.messages[0]?.['id']);
    const patched = await fake.waitForCall('PATCH', /\/messages\/@original$/);
    expect(patched.path).toBe(`/webhooks/${APP}/${token}/messages/@original`);
    const followUp = await rest(fake, 'POST', `/webhooks/${APP}/${token}`, { content: 'More' });
    expect(followUp.body).toMatchObject({ content: 'More', author: { id: APP, bot: true } });
    const withResponse = await rest(fake, 'POST', `/interactions/1/${token}/callback?with_response=true`, { type: 5 });
    expect(withResponse.body).toMatchObject({ resource: { type: 5 } });
    expect(fake.calls[0]).toMatchObject({ body: { type: 4, data: { content: 'Hi' } }, authorization: undefined });
  });

  it('creates DM channels, messages, private threads and reads members', async () => {
    const dm = await rest(fake, 'POST', '/users/@me/channels', { recipient_id: BOB.id });
    expect(dm.body).toMatchObject({ id: dmChannelId(BOB.id), type: 1, recipients: [{ id: BOB.id, username: 'bob' }] });
    const components = [{ type: 1, components: [{ type: 2, style: 1, custom_id: 'accept:1', label: 'Accept' }] }];
    const msg = await rest(fake, 'POST', `/channels/${dmChannelId(BOB.id)}/messages`, {
      content: 'Meet Alice',
      components,
    });
    expect(msg.body).toMatchObject({
      channel_id: dmChannelId(BOB.id),
      content: 'Meet Alice',
      components,
      embeds: [],
      author: { bot: true },
    });
    const thread = await rest(fake, 'POST', `/channels/${CHANNEL}/threads`, {
      name: 'pair',
      type: 12,
      invitable: false,
    });
    expect(thread.body).toMatchObject({ type: 12, guild_id: GUILD, parent_id: CHANNEL, name: 'pair' });
    const threadId = String((thread.body as { id: string }).id);
    expect((await rest(fake, 'PUT', `/channels/${threadId}/thread-members/${ALICE.id}`)).status).toBe(204);
    expect((await rest(fake, 'GET', `/guilds/${GUILD}/members/${BOB.id}`)).body).toMatchObject({
      user: { id: BOB.id },
      roles: [],
    });
    expect(await rest(fake, 'GET', `/guilds/${GUILD}/members/999`)).toMatchObject({
      status: 404,
      body: { code: 10007 },
    });
    expect(fake.messages.map((m) => m['content'])).toEqual(['Meet Alice']);
  });

  it('fails the next matching call with a Discord error, then recovers', async () => {
    fake.failNext('POST', /^\/channels\/[^/]+\/messages$/, 403, {
      code: 50007,
      message: 'Cannot send messages to this user',
    });
    const failed = await rest(fake, 'POST', `/channels/${dmChannelId('1')}/messages`, { content: 'x' });
    expect(failed).toMatchObject({ status: 403, body: { code: 50007, message: 'Cannot send messages to this user' } });
    expect((await rest(fake, 'POST', `/channels/${dmChannelId('1')}/messages`, { content: 'x' })).status).toBe(200);
    expect(fake.calls.map((c) => c.status)).toEqual([403, 200]);
  });

  it('answers 429 with retry_after and rate-limit headers', async () => {
    fake.failNext('POST', /messages$/, 429, { code: 0, message: 'You are being rate limited.' }, { retryAfter: 0.5 });
    fake.failNext('GET', /users/, 429, { code: 0, message: 'You are being rate limited.' }, { global: true });
    const limited = await rest(fake, 'POST', '/channels/1/messages', { content: 'x' });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ code: 0, message: 'You are being rate limited.', retry_after: 0.5, global: false });
    expect(limited.headers.get('retry-after')).toBe('0.5');
    expect(limited.headers.get('x-ratelimit-global')).toBeNull();
    const global = await rest(fake, 'GET', '/users/@me');
    expect(global.headers.get('x-ratelimit-global')).toBe('true');
  });

  it('rejects waitForCall with what it saw on timeout', async () => {
    await rest(fake, 'GET', '/users/@me');
    await expect(fake.waitForCall('POST', /never/, { timeoutMs: 50 })).rejects.toThrow(/GET \/users\/@me 200/);
  });
});
