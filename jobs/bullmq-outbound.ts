import { Queue, Worker, type RedisOptions } from 'bullmq';
import Redis from 'ioredis';
import { handOffOrWake, outboxDeliverer, type OutboxDeliverer } from '../src/delivery/outbox-deliverer';
import { inFlightWork } from '../src/lifecycle/in-flight-work';
import type { Clock } from '../src/ports/clock';
import type { Logger } from '../src/ports/logger';
import type { Metrics } from '../src/ports/metrics';
import type { Messenger } from '../src/ports/messenger';
import type { Outbound } from '../src/ports/outbound';
import type { SendLimiter } from '../src/ports/send-limiter';
import type { Store } from '../src/ports/store';
import { redisSendLimiter } from './redis-send-limiter';

export interface BullmqOutboundOptions {
  connection: RedisOptions | string;
  prefix: string;
  store: Store;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
  /** Messages per second across every worker (Discord allows 50 requests/s per bot; we keep a margin). */
  maxPerSecond?: number;
  /** Tries of one message, counting the first. */
  attempts?: number;
  /** First retry delay; each further retry doubles it. */
  backoffMs?: number;
  /** How long a kick waits for others to join its wake-up (default KICK_WINDOW_MS). */
  kickWindowMs?: number;
  /** Messages one worker sends at the same time (to different people). */
  concurrency?: number;
  metrics?: Metrics;
}

export const DEFAULT_MAX_PER_SECOND = 40;
const QUEUE = 'mentor-bot-outbound';
/** How long a kick waits for others to join it: a few tens of ms on a DM, a fraction of the queue work. */
const KICK_WINDOW_MS = 25;
const DRAIN = 'drain';
const DRAIN_OPTIONS = {
  removeOnComplete: true,
  removeOnFail: 100,
  attempts: 5,
  backoff: { type: 'exponential', delay: 1_000 },
};

/**
 * Outbound messages on Redis and Postgres. The outbox table is the queue: each message stays there, written
 * in the same transaction as the change that caused it, until the platform accepted it. BullMQ carries the
 * wake-ups: a kick adds a `drain` job, any worker takes it and sends due messages in claimed batches, and a
 * delayed `drain` is set for the next message that must wait (working hours, a retry's backoff, a
 * platform's Retry-After). The pace (messages per second, and the Retry-After pause) is kept in Redis, so
 * it holds across workers. A Redis flush loses wake-ups only: the periodic resync sets them again.
 */
export function bullmqOutbound(options: BullmqOutboundOptions): Outbound {
  const log = options.logger.child({ component: 'outbound' });
  const base: RedisOptions =
    typeof options.connection === 'string' ? { url: options.connection } : { ...options.connection };
  const queue = new Queue(QUEUE, { connection: base, prefix: options.prefix, defaultJobOptions: DRAIN_OPTIONS });
  queue.on('error', (err) => log.warn({ err }, 'outbound queue connection error'));
  let worker: Worker | null = null;
  const stopping = new AbortController();

  // The limiter's own connection; commands fail fast (a drain fails and is retried) rather than pile up.
  let redis: Redis | null = null;
  let limiter: SendLimiter | null = null;
  function sharedLimiter(): SendLimiter {
    if (limiter) return limiter;
    redis = typeof options.connection === 'string' ? new Redis(options.connection) : new Redis(options.connection);
    redis.on('error', (err) => log.warn({ err }, 'outbound limiter connection error'));
    limiter = redisSendLimiter({
      redis,
      prefix: options.prefix,
      maxPerSecond: options.maxPerSecond ?? DEFAULT_MAX_PER_SECOND,
    });
    return limiter;
  }

  /** One wake-up per instant: the id makes adding it again harmless. */
  async function wakeAt(at: Date): Promise<void> {
    const delay = Math.max(0, at.getTime() - Date.now());
    await queue.add(DRAIN, {}, { jobId: `${DRAIN}-at-${at.getTime()}`, delay });
  }

  // Kicks arrive after commits that queued a message. Those within the kick window share one wake-up, added
  // after all of them committed, so under load one drain sends many commands' messages; a kick that comes
  // while that wake-up is being added gets one more. (A drain already running may have claimed its last
  // batch, so a kick is never folded into a job that has started.)
  let adding: Promise<void> | null = null;
  let again = false;
  function kick(): Promise<void> {
    // After stop() the queue is closed; what was committed waits in the outbox for the next start's resync.
    if (stopping.signal.aborted) return Promise.resolve();
    if (adding) {
      again = true;
      return adding;
    }
    adding = (async () => {
      await new Promise((resolve) => setTimeout(resolve, options.kickWindowMs ?? KICK_WINDOW_MS));
      do {
        again = false;
        await queue.add(DRAIN, {});
      } while (again);
    })().finally(() => {
      adding = null;
    });
    return adding;
  }

  function deliverer(): OutboxDeliverer {
    const { concurrency, ...rest } = options;
    return outboxDeliverer({ ...rest, limiter: sharedLimiter(), parallel: concurrency ?? 8 });
  }

  async function drain(): Promise<void> {
    const next = await deliverer().drain(stopping.signal);
    if (next) await wakeAt(next);
  }

  const handOffs = inFlightWork();

  return {
    kick,
    handOff(claimed) {
      // Only a started worker sends; an aborted hand-off gives every message back at once.
      const signal = worker ? stopping.signal : AbortSignal.abort();
      return handOffs.run(() => handOffOrWake(deliverer(), claimed, signal, kick, log));
    },
    async resync() {
      await kick();
      const next = await options.store.nextMessageAt(options.clock.now());
      if (next) await wakeAt(next);
    },
    async start() {
      // One drain at a time per worker: a drain already sends `concurrency` messages side by side.
      worker = new Worker(QUEUE, drain, {
        connection: { ...base, maxRetriesPerRequest: null },
        prefix: options.prefix,
      });
      worker.on('error', (err) => log.error({ err }, 'outbound worker error'));
      worker.on('completed', () => options.metrics?.jobFinished('outbound', 'processed'));
      worker.on('failed', (job, err) => {
        const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1);
        options.metrics?.jobFinished('outbound', final ? 'failed' : 'retried');
        log.warn({ err, jobId: job?.id, final }, 'outbound drain failed');
      });
      await this.resync();
    },
    async stop() {
      // Running drains stop between batches; what they leave stays in the outbox for the next worker.
      stopping.abort();
      // A kick still in its window adds its wake-up first: the queue must not close under it.
      await adding?.catch(() => undefined);
      await handOffs.idle();
      await worker?.close();
      await queue.close();
      // quit() refuses on a connection that already dropped; there is nothing left to close then.
      await redis?.quit().catch(() => redis?.disconnect());
    },
  };
}
