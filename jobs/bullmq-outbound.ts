import { Queue, RateLimitError, UnrecoverableError, Worker, type RedisOptions } from 'bullmq';
import type { Clock } from '../src/ports/clock';
import type { Logger } from '../src/ports/logger';
import { PermanentDeliveryError, RateLimitedError, type Messenger } from '../src/ports/messenger';
import type { Outbound } from '../src/ports/outbound';
import type { Store } from '../src/ports/store';

export interface BullmqOutboundOptions {
  connection: RedisOptions | string;
  prefix: string;
  store: Store;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
  /** Messages per second across every worker (Discord allows 50 requests/s per bot; we keep a margin). */
  maxPerSecond?: number;
  attempts?: number;
  backoffMs?: number;
  concurrency?: number;
}

const QUEUE = 'mentor-bot-outbound';
const jobIdOf = (outboxId: number): string => `out-${outboxId}`;

/**
 * The outbox carried by BullMQ. Postgres keeps each message until it is sent, so a Redis flush loses nothing
 * (`kick` re-queues whatever is still in the outbox, idempotently by job id). A worker sends, then deletes the
 * row; a message already gone (sent by another worker, or forgotten) is skipped. A platform's Retry-After
 * pauses the whole queue for that long; a permanent failure (user gone, DMs closed) is recorded, not retried.
 */
export function bullmqOutbound(options: BullmqOutboundOptions): Outbound {
  const log = options.logger.child({ component: 'outbound' });
  const attempts = options.attempts ?? 8;
  const base: RedisOptions =
    typeof options.connection === 'string' ? { url: options.connection } : { ...options.connection };
  const queue = new Queue(QUEUE, { connection: base, prefix: options.prefix });
  let worker: Worker | null = null;

  async function send(outboxId: number, attemptsMade: number): Promise<void> {
    const item = await options.store.findPendingMessage(outboxId);
    if (!item) return;
    // A Retry-After pauses jobs not yet taken; one already running must not send inside that window either.
    if ((await queue.getRateLimitTtl(Number.MAX_SAFE_INTEGER)) > 0) throw new RateLimitError();
    try {
      await options.messenger.send(item.recipientId, item.message);
      await options.store.markMessageSent(item.id);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof RateLimitedError) {
        await queue.rateLimit(error.retryAfterMs);
        throw new RateLimitError();
      }
      const permanent = error instanceof PermanentDeliveryError || attemptsMade + 1 >= attempts;
      await options.store.markMessageFailed(item.id, reason, permanent, options.clock.now());
      log.warn({ outboxId, permanent, reason }, 'message delivery failed');
      throw permanent ? new UnrecoverableError(reason) : error;
    }
  }

  /** Highest outbox id this process has queued; kicks only look past it, resyncs start from zero. */
  let queuedUpTo = 0;
  /**
   * Ids are handed out when a transaction inserts, not when it commits, so a slower transaction can commit a
   * lower id after a kick went past it. Kicks look back this far, skipping ids they already queued; anything
   * older is picked up by the periodic resync.
   */
  const LOOKBACK = 500;
  const recent = new Set<number>();

  async function enqueueAfter(afterId: number): Promise<void> {
    const now = options.clock.now().getTime();
    const queued = (await options.store.queuedMessageTimes(afterId)).filter(({ id }) => !recent.has(id));
    if (queued.length === 0) return;
    await queue.addBulk(
      queued.map(({ id, notBefore }) => ({
        name: 'send',
        data: { outboxId: id },
        opts: {
          jobId: jobIdOf(id),
          delay: Math.max(0, (notBefore?.getTime() ?? now) - now),
          attempts,
          backoff: { type: 'exponential', delay: options.backoffMs ?? 2_000 },
          removeOnComplete: true,
          removeOnFail: 1_000,
        },
      })),
    );
    // Only once Redis took them: a refused kick must be retried by the next one.
    queuedUpTo = Math.max(queuedUpTo, queued[queued.length - 1]!.id);
    for (const { id } of queued) recent.add(id);
    for (const id of recent) if (id <= queuedUpTo - LOOKBACK) recent.delete(id);
  }

  // Kicks arrive after every commit; while one runs, later ones fold into a single follow-up.
  let running: Promise<void> | null = null;
  let again = false;
  function kick(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await enqueueAfter(Math.max(0, queuedUpTo - LOOKBACK));
      } while (again);
    })().finally(() => {
      running = null;
      // A kick that arrived as the last pass was finishing gets its own pass.
      if (again) void kick().catch((err: unknown) => log.warn({ err }, 'queueing messages failed'));
    });
    return running;
  }

  return {
    kick,
    resync: () => {
      recent.clear();
      return enqueueAfter(0);
    },
    async start() {
      worker = new Worker(
        QUEUE,
        async (job) => send(Number((job.data as { outboxId: number }).outboxId), job.attemptsMade),
        {
          connection: { ...base, maxRetriesPerRequest: null },
          prefix: options.prefix,
          concurrency: options.concurrency ?? 8,
          // BullMQ counts in fixed windows, so a 1 s window could let twice the limit through in a rolling second;
          // tenth-of-a-second windows keep any rolling second close to the limit.
          limiter: { max: Math.max(1, Math.ceil((options.maxPerSecond ?? 40) / 10)), duration: 100 },
        },
      );
      worker.on('error', (err) => log.error({ err }, 'outbound worker error'));
      await enqueueAfter(0);
    },
    async stop() {
      await worker?.close();
      await queue.close();
    },
  };
}
