import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { acceptUpload, UPLOAD_PATH_PREFIX } from './fake-slack-file-methods';
import { fakeSlackMethods, TOKENLESS_METHODS } from './fake-slack-methods';
import {
  createFakeSlackState,
  type FakeSlackApiOptions,
  type FakeSlackState,
  type RecordedSlackUpload,
  type ResolvedWorkspace,
  type TokenOwner,
} from './fake-slack-state';
import { parseSlackApiBody } from './parse-slack-api-body';
import { fail } from './slack-method-handler';
import { createWaiters } from './waiters';

export type { FakeSlackApiOptions, FakeSlackUserConfig, FakeSlackWorkspace } from './fake-slack-state';

/** One Web API request as the fake received it. */
export interface SlackApiCall {
  method: string;
  /** From `Authorization: Bearer …`, else from a `token` argument (Slack accepts both). */
  token: string | undefined;
  /** The raw Authorization header, to tell a header token from a body token. */
  authorization: string | undefined;
  /** Arguments with JSON-carrying fields (`blocks`, `view`, `attachments`, `files`, …) decoded. */
  body: Record<string, unknown>;
  rawBody: string;
  contentType: string | undefined;
  at: number;
}

export interface RecordedSlackCall extends SlackApiCall {
  /** The HTTP status and JSON body the fake answered with. */
  status: number;
  response: Record<string, unknown>;
}

/** A message the app sent to a response_url (what Bolt's `respond()` does). */
export interface RecordedResponseUrlPost {
  id: string;
  body: unknown;
  rawBody: string;
  at: number;
}

/** A custom answer; `fallback` computes the fake's default, for tests that only tweak it. */
export type FakeSlackResponder = (
  call: SlackApiCall,
  fallback: () => Record<string, unknown>,
) => Record<string, unknown> | Promise<Record<string, unknown>>;

export interface WaitOptions<T> {
  where?: (item: T) => boolean;
  /** Resolve with the count-th match (default 1st). */
  count?: number;
  timeoutMs?: number;
}

export interface FakeSlackApi {
  /** For `slackApiUrl` / `clientOptions.slackApiUrl`: ends in `/api/`. */
  url: string;
  origin: string;
  port: number;
  calls: RecordedSlackCall[];
  responses: RecordedResponseUrlPost[];
  uploads: RecordedSlackUpload[];
  workspaces: readonly ResolvedWorkspace[];
  callsTo(method: string): RecordedSlackCall[];
  /** Replaces the default answer for every later call of `method`; pass undefined to restore it. */
  respondWith(method: string, handler: FakeSlackResponder | undefined): void;
  /** The next `times` calls of `method` answer `{ ok: false, error }`. */
  failNext(method: string, error: string, times?: number): void;
  /** The next `times` calls of `method` answer HTTP 429 with `Retry-After: retryAfterSeconds`. */
  rateLimitNext(method: string, retryAfterSeconds: number, times?: number): void;
  /** A response_url pointing at this fake; `id` names it in `responses` (default: a fresh one). */
  responseUrl(id?: string): string;
  /** Resolves when a matching call has arrived (or already had); rejects after `timeoutMs` (default 5 s). */
  waitForCall(method: string, options?: WaitOptions<RecordedSlackCall>): Promise<RecordedSlackCall>;
  waitForResponse(id?: string, options?: WaitOptions<RecordedResponseUrlPost>): Promise<RecordedResponseUrlPost>;
  /** Forgets calls, response_url posts, uploads, queued failures and custom answers. */
  reset(): void;
  stop(): Promise<void>;
}

type OneShot = { kind: 'error'; error: string } | { kind: 'rate_limit'; retryAfterSeconds: number };

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * A fake Slack Web API on 127.0.0.1 (random port) that real clients (Bolt, WebClient, fetch) talk HTTP to.
 * Each call is answered by the first that applies: a queued one-shot failure (failNext, rateLimitNext), a
 * per-method override (respondWith), the Slack-shaped default. Every call is recorded, failures included.
 */
export async function startFakeSlackApi(options: FakeSlackApiOptions = {}): Promise<FakeSlackApi> {
  const calls: RecordedSlackCall[] = [];
  const responses: RecordedResponseUrlPost[] = [];
  const oneShots = new Map<string, OneShot[]>();
  const overrides = new Map<string, FakeSlackResponder>();
  const waiters = createWaiters();
  let responseCounter = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug in the fake or a throwing responder: make it loud in the test rather than a hang.
      if (!res.headersSent) send(res, { status: 500, body: fail(`fake_slack_error: ${String(error)}`) });
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const ready: FakeSlackState = createFakeSlackState(options, origin);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', origin);
    const contentType = req.headers['content-type'];
    if (url.pathname.startsWith('/api/')) {
      return send(res, await answerApi(decodeURIComponent(url.pathname.slice(5)), req, url, raw));
    }
    if (req.method === 'POST' && url.pathname.startsWith(UPLOAD_PATH_PREFIX)) {
      const { status, text } = acceptUpload(ready, url.pathname.slice(UPLOAD_PATH_PREFIX.length), contentType, raw);
      res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
      return;
    }
    if (req.method === 'POST' && url.pathname.startsWith('/response/')) {
      const text = raw.toString('utf8');
      const id = decodeURIComponent(url.pathname.slice('/response/'.length));
      responses.push({ id, body: parseResponseUrlBody(contentType, text), rawBody: text, at: Date.now() });
      waiters.notify();
      return send(res, { status: 200, body: { ok: true } });
    }
    send(res, { status: 404, body: fail('not_found') });
  }

  async function answerApi(method: string, req: IncomingMessage, url: URL, raw: Buffer): Promise<Answer> {
    const contentType = req.headers['content-type'];
    const authorization = req.headers.authorization;
    const body = parseSlackApiBody(contentType, raw, url.searchParams);
    const bearer = /^Bearer\s+(\S+)/i.exec(authorization ?? '')?.[1];
    const token = bearer ?? (typeof body['token'] === 'string' ? body['token'] : undefined);
    const call: SlackApiCall = {
      method,
      token,
      authorization,
      body,
      rawBody: raw.toString('utf8'),
      contentType,
      at: Date.now(),
    };
    const answer = await decide(call);
    calls.push({ ...call, status: answer.status, response: answer.body });
    waiters.notify();
    return answer;
  }

  async function decide(call: SlackApiCall): Promise<Answer> {
    const { method, token } = call;
    let owner: TokenOwner | undefined;
    if (!TOKENLESS_METHODS.has(method)) {
      if (!token) return { status: 200, body: fail('not_authed') };
      owner = ready.tokens.get(token);
      if (!owner && options.rejectUnknownTokens) return { status: 200, body: fail('invalid_auth') };
      const first = ready.workspaces[0] as ResolvedWorkspace;
      owner ??= { workspace: first, userId: first.botUserId, isBot: true };
    }
    const queued = oneShots.get(method)?.shift();
    if (queued?.kind === 'error') return { status: 200, body: fail(queued.error) };
    if (queued?.kind === 'rate_limit') {
      const headers = { 'retry-after': String(queued.retryAfterSeconds) };
      return { status: 429, body: fail('ratelimited'), headers };
    }
    const handler = fakeSlackMethods[method];
    const basicAuth = parseBasicAuth(call.authorization);
    const fallback = (): Record<string, unknown> =>
      handler
        ? handler({ args: call.body, owner, basicAuth, state: ready })
        : { ...fail('unknown_method'), req_method: method };
    const override = overrides.get(method);
    return { status: 200, body: override ? await override(call, fallback) : fallback() };
  }

  const queue = (method: string, shot: OneShot, times: number): void => {
    const list = oneShots.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(shot);
    oneShots.set(method, list);
  };

  return {
    url: `${origin}/api/`,
    origin,
    port,
    calls,
    responses,
    uploads: ready.uploads,
    workspaces: ready.workspaces,
    callsTo: (method) => calls.filter((c) => c.method === method),
    respondWith: (method, handler) => {
      if (handler) overrides.set(method, handler);
      else overrides.delete(method);
    },
    failNext: (method, error, times = 1) => queue(method, { kind: 'error', error }, times),
    rateLimitNext: (method, retryAfterSeconds, times = 1) =>
      queue(method, { kind: 'rate_limit', retryAfterSeconds }, times),
    responseUrl: (id) => `${origin}/response/${encodeURIComponent(id ?? `R${++responseCounter}`)}`,
    waitForCall: (method, wait = {}) =>
      waiters.waitFor(
        `a ${method} call`,
        () => calls.filter((c) => c.method === method),
        wait,
        () => calls.map((c) => c.method).join(', '),
      ),
    waitForResponse: (id, wait = {}) =>
      waiters.waitFor(
        `a response_url post${id ? ` to ${id}` : ''}`,
        () => responses.filter((r) => !id || r.id === id),
        wait,
        () => responses.map((r) => r.id).join(', '),
      ),
    reset: () => {
      calls.length = 0;
      responses.length = 0;
      ready.uploads.length = 0;
      oneShots.clear();
      overrides.clear();
    },
    stop: async () => {
      waiters.cancelAll('the fake Slack API stopped');
      // Clients keep connections alive; without this, close() waits for them and jest reports open handles.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function send(res: ServerResponse, { status, body, headers = {} }: Answer): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Bolt's respond() posts JSON; anything unparseable is kept as text so the test can see what was sent. */
function parseResponseUrlBody(contentType: string | undefined, text: string): unknown {
  if (contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function parseBasicAuth(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  const encoded = /^Basic\s+(\S+)/i.exec(header ?? '')?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1 ? undefined : { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}
