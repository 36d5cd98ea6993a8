import { STATUS_CODES } from 'node:http';
import type { FetchFunction } from '@slack/web-api';
import { request } from 'undici';

/**
 * The Slack Web API client's HTTP calls (messages, users.info, views.open) through undici's `request` rather
 * than the global `fetch`, for the reason given in post-to-response-url.ts: at a few hundred commands a second,
 * fetch's leftovers made garbage collection pause the event loop that acknowledges commands. The client reads
 * only status, headers and body, so the response is a plain object over the bytes read. Redirects are not
 * followed (the client asks for that too). A multipart upload, rare, keeps the global `fetch`.
 */
export const undiciFetch: FetchFunction = async (url, init = {}) => {
  if (init.body !== undefined && typeof init.body !== 'string') return fetch(url, init);
  const response = await request(url, {
    method: (init.method ?? 'GET') as 'GET' | 'POST',
    ...(init.headers && { headers: init.headers }),
    ...(init.body !== undefined && { body: init.body }),
    ...(init.signal && { signal: init.signal }),
  });
  const bytes = Buffer.from(await response.body.arrayBuffer());
  const headers = Object.entries(response.headers).map(([name, value]): [string, string] => [
    name.toLowerCase(),
    Array.isArray(value) ? value.join(', ') : (value ?? ''),
  ]);
  const text = () => bytes.toString('utf8');
  return {
    ok: response.statusCode >= 200 && response.statusCode < 300,
    status: response.statusCode,
    statusText: STATUS_CODES[response.statusCode] ?? '',
    url: String(url),
    headers: {
      get: (name: string) => headers.find(([key]) => key === name.toLowerCase())?.[1] ?? null,
      entries: () => headers,
    },
    arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    json: async () => JSON.parse(text()) as unknown,
    text: async () => text(),
  };
};

/** What every Slack Web API client of the bot is given: the API address (tests point it at a fake) and undici. */
export const slackClientOptions = (apiUrl: string | undefined) => ({
  ...(apiUrl && { slackApiUrl: apiUrl }),
  fetch: undiciFetch,
});
