import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import type { Metrics } from '../ports/metrics';
import { PermanentDeliveryError, RateLimitedError, type Messenger } from '../ports/messenger';
import type { SendLimiter } from '../ports/send-limiter';
import type { PendingMessage, Store } from '../ports/store';

export interface OutboxDelivererOptions {
  store: Store;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
  /** The shared pace; absent, nothing is held back (the local shell, tests). */
  limiter?: SendLimiter;
  /** Tries of one message, counting the first, before it is given up and shown to moderators as failed. */
  attempts?: number;
  /** Wait before the first retry; each further retry doubles it. */
  backoffMs?: number;
  /** Messages claimed per batch. */
  batchSize?: number;
  /** People sent to at the same time (platform calls under way at once). */
  parallel?: number;
  metrics?: Metrics;
}

export interface OutboxDeliverer {
  /**
   * Sends every message whose time has come, in batches claimed from the outbox (so several senders share
   * the work), until none is left or `signal` aborts. Resolves to when the next waiting message may go (a
   * quiet-hours delay, a retry, the end of a platform's pause), or null when nothing waits.
   */
  drain(signal?: AbortSignal): Promise<Date | null>;
  /**
   * Sends messages this process claimed as it queued them (see `claimUntil`), the way `drain` sends a
   * batch. A hand-off keeps its claim for at most half the claim time: whatever it has not sent by then (a
   * slow pace, a platform's pause, `signal`) goes back to the outbox for the queue. Resolves like `drain`,
   * but null says only that nothing of the hand-off is left.
   */
  handOff(claimed: PendingMessage[], signal?: AbortSignal): Promise<Date | null>;
}

/**
 * An outbound's hand-off, which never rejects: what the deliverer leaves, or could not send because sending
 * failed, is the queue's from then on, and `wake` wakes the queue for it.
 */
export async function handOffOrWake(
  deliverer: OutboxDeliverer,
  claimed: PendingMessage[],
  signal: AbortSignal,
  wake: () => Promise<void>,
  logger: Logger,
): Promise<void> {
  try {
    if (await deliverer.handOff(claimed, signal)) await wake();
  } catch (err) {
    logger.warn({ err }, 'sending claimed messages failed; the queue takes them');
    await wake().catch(() => undefined);
  }
}

/** A claim outlives any batch by far; a sender that died frees its batch after this. */
const CLAIM_MS = 60_000;

/** Until when messages claimed at `now` stay with their sender. */
export const claimUntil = (now: Date): Date => new Date(now.getTime() + CLAIM_MS);
/** Longer waits (a platform's pause) give the batch back rather than hold it. */
const MAX_WAIT_IN_BATCH_MS = 1_000;

const UNLIMITED: SendLimiter = { take: async (count) => ({ granted: count, retryInMs: 0 }), pause: async () => {} };

type Sent = { id: number; ok: true } | { id: number; ok: false; retryAfterMs?: number };

/**
 * Drains the outbox through the messenger. Messages were written in the same transaction as the change that
 * caused them, so they survive a crash; a message is deleted only after the platform accepted it. Each
 * person's messages go in order; different people's go side by side, as fast as the shared limiter allows.
 */
export function outboxDeliverer(options: OutboxDelivererOptions): OutboxDeliverer {
  const { store, clock } = options;
  const limiter = options.limiter ?? UNLIMITED;
  const attempts = options.attempts ?? 8;
  const backoffMs = options.backoffMs ?? 2_000;
  const batchSize = options.batchSize ?? 500;
  const parallel = options.parallel ?? 8;
  const log = options.logger.child({ component: 'outbox' });

  async function sendOne(item: PendingMessage): Promise<Sent> {
    try {
      await options.messenger.send(item.recipientId, item.message);
      // Counted once the platform accepted it, not when it was queued.
      if (item.message.kind === 'nudge') options.metrics?.nudgeSent();
      return { id: item.id, ok: true };
    } catch (error) {
      if (error instanceof RateLimitedError) return { id: item.id, ok: false, retryAfterMs: error.retryAfterMs };
      const reason = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof PermanentDeliveryError || item.attempts + 1 >= attempts;
      const at = clock.now();
      const retryAt = new Date(at.getTime() + backoffMs * 2 ** item.attempts);
      log.warn({ outboxId: item.id, permanent, reason }, 'message delivery failed');
      await store.markMessageFailed(item.id, reason, permanent ? { permanent, at } : { permanent, at, retryAt });
      return { id: item.id, ok: false };
    }
  }

  /**
   * Sends a granted chunk: each person's messages in order, up to `parallel` people at a time. Once the
   * platform says wait, no further send starts (those under way cannot be called back).
   */
  async function sendChunk(chunk: PendingMessage[]): Promise<Sent[]> {
    const byRecipient = new Map<string, PendingMessage[]>();
    for (const item of chunk) byRecipient.set(item.recipientId, [...(byRecipient.get(item.recipientId) ?? []), item]);
    const queues = [...byRecipient.values()];
    const results: Sent[] = [];
    let told = false;
    async function lane(): Promise<void> {
      for (let queue = queues.shift(); queue && !told; queue = queues.shift()) {
        for (const item of queue) {
          if (told) break;
          const result = await sendOne(item);
          results.push(result);
          if (!result.ok && result.retryAfterMs !== undefined) told = true;
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(parallel, queues.length) }, lane));
    return results;
  }

  /**
   * Sends one claimed batch as fast as the limiter allows. Returns when to come back if the platform asked
   * everyone to wait (the rest of the batch is given back), or if `signal` stopped it early.
   */
  async function sendBatch(batch: PendingMessage[], signal?: AbortSignal): Promise<Date | null> {
    let rest = batch;
    while (rest.length > 0 && !signal?.aborted) {
      const { granted, retryInMs } = await limiter.take(rest.length);
      if (granted === 0) {
        // The next window is waited out; a longer pause (a platform's Retry-After) frees the batch for later.
        if (retryInMs > MAX_WAIT_IN_BATCH_MS) break;
        await new Promise((resolve) => setTimeout(resolve, retryInMs));
        continue;
      }
      const chunk = rest.slice(0, granted);
      rest = rest.slice(granted);
      const results = new Map((await sendChunk(chunk)).map((r) => [r.id, r]));
      await store.markMessagesSent([...results.values()].filter((r) => r.ok).map((r) => r.id));
      const waits = [...results.values()].flatMap((r) =>
        !r.ok && r.retryAfterMs !== undefined ? [r.retryAfterMs] : [],
      );
      if (waits.length > 0) {
        const waitMs = Math.max(...waits);
        await limiter.pause(waitMs);
        log.warn({ retryAfterMs: waitMs }, 'platform rate limit: every sender waits');
        const unsent = chunk.filter((item) => {
          const result = results.get(item.id);
          return !result || (!result.ok && result.retryAfterMs !== undefined);
        });
        rest = [...unsent, ...rest];
        break;
      }
    }
    if (rest.length === 0) return null;
    await store.releaseMessages(rest.map((item) => item.id));
    const { retryInMs } = await limiter.take(0);
    return new Date(clock.now().getTime() + retryInMs);
  }

  return {
    async drain(signal) {
      for (;;) {
        if (signal?.aborted) return clock.now();
        const now = clock.now();
        const batch = await store.claimMessages(batchSize, now, claimUntil(now));
        if (batch.length === 0) return store.nextMessageAt(now);
        // A batch that fails midway (the limiter's Redis is down) is given back at once rather than left
        // claimed for a minute; what was sent is already deleted.
        const comeBack = await sendBatch(batch, signal).catch(async (error: unknown) => {
          await store.releaseMessages(batch.map((item) => item.id)).catch(() => undefined);
          throw error;
        });
        if (comeBack) return comeBack;
      }
    },

    async handOff(claimed, signal) {
      const giveBackAt = clock.now().getTime() + CLAIM_MS / 2;
      for (let start = 0; start < claimed.length; start += batchSize) {
        const rest = claimed.slice(start);
        if (signal?.aborted || clock.now().getTime() >= giveBackAt) {
          await store.releaseMessages(rest.map((item) => item.id));
          return clock.now();
        }
        const batch = rest.slice(0, batchSize);
        const comeBack = await sendBatch(batch, signal).catch(async (error: unknown) => {
          await store.releaseMessages(rest.map((item) => item.id)).catch(() => undefined);
          throw error;
        });
        if (comeBack) {
          await store.releaseMessages(rest.slice(batchSize).map((item) => item.id));
          return comeBack;
        }
      }
      return null;
    },
  };
}
