import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWaiters } from '../waiters';
import { attachFakeDiscordGateway, type GatewayReceived } from './fake-discord-gateway';
import { createFakeDiscordState, type FakeDiscordOptions, type Json } from './fake-discord-state';
import { handleDiscordRest, type DiscordRestAnswer } from './handle-discord-rest';

export type { FakeDiscordGuildConfig, FakeDiscordMemberConfig, FakeDiscordOptions } from './fake-discord-state';
export type { GatewayReceived } from './fake-discord-gateway';

/** One REST request as the fake received it, with the answer it gave. */
export interface RecordedDiscordCall {
  method: string;
  /** Decoded and relative to `/api/v10`, e.g. `/webhooks/123/tok/messages/@original`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body (or a multipart request's `payload_json`); undefined when there was none. */
  body: unknown;
  /** E.g. `Bot <token>`; interaction callbacks and webhooks arrive without one. */
  authorization: string | undefined;
  status: number;
  response: unknown;
  at: number;
}

export interface DiscordError {
  code: number;
  message: string;
}

export interface FailNextOptions {
  /** For 429: seconds in `retry_after` and the `retry-after` header (default 1). */
  retryAfter?: number;
  /** For 429: a global rate limit (adds `x-ratelimit-global: true`; omitted otherwise, as Discord does). */
  global?: boolean;
  /** How many matching calls fail (default 1). */
  times?: number;
}

export interface WaitForCallOptions {
  where?: (call: RecordedDiscordCall) => boolean;
  /** Resolve with the count-th match (default 1st). */
  count?: number;
  timeoutMs?: number;
}

export interface FakeDiscord {
  /** For `new Client({ rest: { api } })`: `http://127.0.0.1:PORT/api`. */
  apiUrl: string;
  gatewayUrl: string;
  applicationId: string;
  botUser: Json;
  calls: RecordedDiscordCall[];
  /** Messages the fake created or edited (channel posts, interaction replies, follow-ups), newest last. */
  messages: Json[];
  /** Gateway payloads clients sent (op 2 IDENTIFY, op 1 heartbeats, ...). */
  gatewayReceived: GatewayReceived[];
  /** Sessions that identified and got READY. */
  readySessions(): number;
  /** Sends INTERACTION_CREATE to every identified session (waits up to 5 s for one to identify). */
  dispatchInteraction(interaction: unknown): Promise<void>;
  /** Sends any dispatch event (e.g. `GUILD_MEMBER_ADD`); waits up to timeoutMs (default 5 s) for a session. */
  dispatch(t: string, d: unknown, timeoutMs?: number): Promise<void>;
  waitForCall(method: string, pathPattern: RegExp, options?: WaitForCallOptions): Promise<RecordedDiscordCall>;
  /** The next matching call(s) answer `status` with `{ code, message }` (429 adds `retry_after`, `global`). */
  failNext(method: string, pathPattern: RegExp, status: number, error: DiscordError, options?: FailNextOptions): void;
  stop(): Promise<void>;
}

interface QueuedFailure {
  method: string;
  pattern: RegExp;
  answer: DiscordRestAnswer;
}

const API_PREFIX = '/api/v10';

function parseBody(contentType: string | undefined, raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  const boundary = /multipart\/form-data;.*boundary=("?)([^";]+)\1/i.exec(contentType ?? '')?.[2];
  if (boundary) {
    for (const part of text.split(`--${boundary}`)) {
      const [head, ...rest] = part.split('\r\n\r\n');
      if (head && /name="payload_json"/.test(head)) return JSON.parse(rest.join('\r\n\r\n').replace(/\r\n$/, ''));
    }
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const test = (pattern: RegExp, path: string): boolean => {
  pattern.lastIndex = 0;
  return pattern.test(path);
};

/**
 * A fake Discord (REST v10 under `/api` plus the JSON gateway on the same port) on 127.0.0.1 for the real
 * discord.js Client: REST answers are Discord-shaped defaults, every call is recorded, and tests push
 * gateway events (INTERACTION_CREATE) to the connected client.
 */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const state = createFakeDiscordState(options);
  const calls: RecordedDiscordCall[] = [];
  const failures: QueuedFailure[] = [];
  const waiters = createWaiters();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        reply(res, { status: 500, body: { message: `fake_discord_error: ${String(error)}`, code: 0 } });
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const gatewayUrl = `ws://127.0.0.1:${port}`;
  const gateway = attachFakeDiscordGateway(server, state, gatewayUrl, waiters.notify);

  function reply(res: ServerResponse, answer: DiscordRestAnswer): void {
    const headers: Record<string, string> = { ...answer.headers };
    if (answer.body === undefined) {
      res.writeHead(answer.status, headers).end();
      return;
    }
    headers['content-type'] = 'application/json';
    res.writeHead(answer.status, headers).end(JSON.stringify(answer.body));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', origin);
    const method = req.method ?? 'GET';
    if (!url.pathname.startsWith(`${API_PREFIX}/`))
      return reply(res, { status: 404, body: { message: '404: Not Found', code: 0 } });
    const path = decodeURIComponent(url.pathname.slice(API_PREFIX.length));
    const body = parseBody(req.headers['content-type'], Buffer.concat(chunks));
    const index = failures.findIndex((f) => f.method === method && test(f.pattern, path));
    const answer =
      index >= 0
        ? (failures.splice(index, 1)[0] as QueuedFailure).answer
        : handleDiscordRest(state, { method, path, query: url.searchParams, body, gatewayUrl });
    calls.push({
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      body,
      authorization: req.headers.authorization,
      status: answer.status,
      response: answer.body,
      at: Date.now(),
    });
    waiters.notify();
    reply(res, answer);
  }

  return {
    apiUrl: `${origin}/api`,
    gatewayUrl,
    applicationId: state.applicationId,
    botUser: state.bot,
    calls,
    messages: state.messages,
    gatewayReceived: gateway.received,
    readySessions: gateway.readyCount,
    dispatchInteraction(interaction) {
      const i = (interaction ?? {}) as Json;
      if (typeof i['token'] === 'string' && typeof i['channel_id'] === 'string') {
        state.interactionChannels.set(i['token'], i['channel_id']);
        if (typeof i['guild_id'] === 'string') state.channelGuild.set(i['channel_id'], i['guild_id']);
      }
      return gateway.dispatch('INTERACTION_CREATE', interaction);
    },
    dispatch: (t, d, timeoutMs) => gateway.dispatch(t, d, timeoutMs),
    waitForCall: (method, pathPattern, { where, count, timeoutMs } = {}) =>
      waiters.waitFor(
        `${method} ${pathPattern}`,
        () => calls.filter((c) => c.method === method && test(pathPattern, c.path)),
        { ...(where ? { where } : {}), ...(count ? { count } : {}), ...(timeoutMs ? { timeoutMs } : {}) },
        () => calls.map((c) => `${c.method} ${c.path} ${c.status}`).join(', '),
      ),
    failNext(method, pathPattern, status, error, { retryAfter = 1, global = false, times = 1 } = {}) {
      const answer: DiscordRestAnswer =
        status === 429
          ? {
              status,
              body: { ...error, retry_after: retryAfter, global },
              headers: {
                'retry-after': String(retryAfter),
                'x-ratelimit-scope': global ? 'global' : 'user',
                // Discord sends this header only for global limits; clients treat any value as global.
                ...(global
                  ? { 'x-ratelimit-global': 'true' }
                  : { 'x-ratelimit-limit': '1', 'x-ratelimit-remaining': '0', 'x-ratelimit-bucket': 'fake' }),
              },
            }
          : { status, body: { ...error } };
      for (let i = 0; i < times; i++) failures.push({ method, pattern: pathPattern, answer });
    },
    async stop() {
      waiters.cancelAll('fake Discord stopped');
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
