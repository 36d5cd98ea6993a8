/** The statistics of one measured phase of `npm run bench:commands` (see commands.ts), and of the replies. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeSlackApi } from '../test/harness/fake-slack-api';
import { percentile, type SentCommand } from './slash-load';

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
export const round1 = (x: number) => Math.round(x * 10) / 10;

interface Replies {
  arrived: number;
  /** Replies that were an apology for a bug or an unreachable database. */
  apologies: number;
  p50: number;
  p99: number;
  max: number;
}

export interface PhaseStats {
  sent: number;
  ok: number;
  non200: number;
  socketErrors: number;
  p50: number;
  p99: number;
  max: number;
  maxSendLagMs: number;
  /** CPU the app's process used per command during the phase (ms), from /proc. */
  cpuMsPerCommand: number;
  /** The part of it on the main thread, which acknowledges: the busier it is, the longer acks queue. */
  mainThreadMsPerCommand: number;
  /** CPU the whole machine (every core and process: Postgres, Redis, this benchmark) was busy per command. */
  machineMsPerCommand: number;
  /** The part of it in Postgres. */
  postgresMsPerCommand: number;
  replies?: Replies;
}

/** The fake's response_url posts by id, read incrementally. */
export function replyIndex(fake: FakeSlackApi) {
  const byId = new Map<string, { at: number; text: string }>();
  let seen = 0;
  const update = () => {
    for (; seen < fake.responses.length; seen++) {
      const r = fake.responses[seen]!;
      byId.set(r.id, { at: r.at, text: String((r.body as { text?: unknown }).text ?? '') });
    }
    return byId;
  };
  /** Waits (bounded) until every command has its reply. */
  const waitFor = async (sent: SentCommand[], timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && sent.some((s) => !update().has(s.replyId))) await sleep(50);
    return update();
  };
  return { waitFor };
}

export function phaseStats(
  sent: SentCommand[],
  cpuMs: { process: number; mainThread: number; machine: number; postgres: number },
  replies?: Map<string, { at: number; text: string }>,
): PhaseStats {
  const acked = sent.filter((s) => s.ackMs !== undefined);
  const latencies = acked.map((s) => s.ackMs!);
  const stats: PhaseStats = {
    sent: sent.length,
    ok: acked.filter((s) => s.status === 200).length,
    non200: acked.filter((s) => s.status !== 200).length,
    socketErrors: sent.filter((s) => s.error !== undefined).length,
    p50: round1(percentile(latencies, 50)),
    p99: round1(percentile(latencies, 99)),
    max: round1(Math.max(...latencies)),
    maxSendLagMs: round1(Math.max(...sent.map((s) => s.sendLagMs))),
    cpuMsPerCommand: Math.round((cpuMs.process / sent.length) * 100) / 100,
    mainThreadMsPerCommand: Math.round((cpuMs.mainThread / sent.length) * 100) / 100,
    machineMsPerCommand: Math.round((cpuMs.machine / sent.length) * 100) / 100,
    postgresMsPerCommand: Math.round((cpuMs.postgres / sent.length) * 100) / 100,
  };
  if (replies) {
    const got = sent.flatMap((s) => {
      const r = replies.get(s.replyId);
      return r ? [{ ms: r.at - s.dueAt, text: r.text }] : [];
    });
    const ms = got.map((g) => g.ms);
    stats.replies = {
      arrived: got.length,
      apologies: got.filter((g) => /something went wrong on my side|could not reach my database/.test(g.text)).length,
      p50: Math.round(percentile(ms, 50)),
      p99: Math.round(percentile(ms, 99)),
      max: Math.round(Math.max(...ms)),
    };
  }
  return stats;
}
