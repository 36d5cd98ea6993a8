import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { slashCommandBody } from '../test/harness/slack-requests';
import { signSlackRequest } from '../test/harness/slack-signature';
import type { Slash } from './command-mix';

/** One slash command sent by the load generator, and what became of it. */
export interface SentCommand {
  slash: Slash;
  /** The response_url id, to find the app's reply at the fake. */
  replyId: string;
  /** When it was due to be sent (epoch ms); latencies count from here, so a late sender cannot hide queueing. */
  dueAt: number;
  /** How late the generator actually sent it (ms). */
  sendLagMs: number;
  /** HTTP status of the ack, or undefined on a socket error or timeout. */
  status?: number;
  error?: string;
  /** Due time to the end of the ack response (ms). */
  ackMs?: number;
}

export interface Target {
  url: URL;
  signingSecret: string;
  agent: Agent;
}

export const keepAliveAgent = (): Agent => new Agent({ keepAlive: true, maxSockets: 1024 });

/** Epoch milliseconds with sub-millisecond resolution from the monotonic clock. */
const now = () => performance.timeOrigin + performance.now();

/** POSTs one signed slash command and records the ack; never throws. */
function send(target: Target, sent: SentCommand, responseUrl: string): Promise<void> {
  const body = slashCommandBody({
    userId: sent.slash.userId,
    channelId: 'C0GENERAL',
    text: sent.slash.text,
    responseUrl,
  });
  const headers = { ...signSlackRequest(target.signingSecret, body), 'content-length': Buffer.byteLength(body) };
  return new Promise((resolve) => {
    const req = request(target.url, { method: 'POST', agent: target.agent, headers, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => {
        sent.status = res.statusCode ?? 0;
        sent.ackMs = now() - sent.dueAt;
        resolve();
      });
      res.on('error', (error) => {
        sent.error = error.message;
        resolve();
      });
    });
    req.on('timeout', () => req.destroy(new Error('no ack within 10 s')));
    req.on('error', (error) => {
      sent.error = error.message;
      resolve();
    });
    req.end(body);
  });
}

/**
 * Open loop: command i is due at start + i / rate and is sent then, whether or not earlier ones were answered
 * (a closed loop would slow down with the app and hide its queueing). Resolves when every ack is in.
 */
export async function sendOpenLoop(
  target: Target,
  responseUrl: (id: string) => string,
  rate: number,
  count: number,
  next: () => Slash,
): Promise<SentCommand[]> {
  const start = now() + 20;
  const sent: SentCommand[] = [];
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const dueAt = start + (i * 1000) / rate;
    const wait = dueAt - now();
    if (wait > 1) await sleep(wait);
    const item: SentCommand = { slash: next(), replyId: randomUUID(), dueAt, sendLagMs: Math.max(0, now() - dueAt) };
    sent.push(item);
    inFlight.push(send(target, item, responseUrl(item.replyId)));
  }
  await Promise.all(inFlight);
  return sent;
}

/** The value at percentile p (nearest rank), NaN for none; as in bench/nudges.ts. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** One open-loop phase for the load thread: the commands, the app, and where its replies should go. */
export interface LoadJob {
  id: number;
  url: string;
  signingSecret: string;
  /** The fake's response_url without the id. */
  responseUrlPrefix: string;
  rate: number;
  commands: Slash[];
}

/**
 * `sendOpenLoop` on a thread of its own (bench/load-thread.ts, loaded through tsx like the bare app), one
 * keep-alive agent per app, kept across phases.
 */
export function loadGenerator() {
  const worker = new Worker(join(__dirname, 'load-thread.ts'), { execArgv: ['--require', 'tsx/cjs'] });
  const waiting = new Map<number, (sent: SentCommand[]) => void>();
  worker.on('message', (done: { id: number; sent: SentCommand[] }) => {
    waiting.get(done.id)?.(done.sent);
    waiting.delete(done.id);
  });
  let nextId = 1;
  return {
    send(job: Omit<LoadJob, 'id'>): Promise<SentCommand[]> {
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        worker.postMessage({ ...job, id });
      });
    },
    close: () => worker.terminate(),
  };
}
