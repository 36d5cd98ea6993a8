import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';
import { PermanentDeliveryError, type Messenger } from '../ports/messenger';
import type { Store } from '../ports/store';

/** After this many failed tries a message is given up and shown to moderators as failed. */
const MAX_ATTEMPTS = 5;
const BATCH = 100;

export interface OutboxDeliverer {
  /** Sends everything pending; resolves when the outbox is empty or a send failed for now. */
  flush(): Promise<void>;
}

/**
 * Drains the outbox through the messenger. Messages were written in the same transaction as the change that
 * caused them, so they survive a crash; a message is marked sent only after the platform accepted it.
 * Calls that overlap share one pass, so one process never sends a message twice.
 */
export function outboxDeliverer(deps: {
  store: Store;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
}): OutboxDeliverer {
  let running: Promise<void> | null = null;
  let again = false;

  /** Returns false when it stopped on a failure that may pass: better to wait than to hammer the platform. */
  async function pass(): Promise<boolean> {
    for (;;) {
      const batch = await deps.store.pendingMessages(BATCH, deps.clock.now());
      for (const item of batch) {
        try {
          await deps.messenger.send(item.recipientId, item.message);
          await deps.store.markMessageSent(item.id);
        } catch (error) {
          const permanent = error instanceof PermanentDeliveryError || item.attempts + 1 >= MAX_ATTEMPTS;
          const reason = error instanceof Error ? error.message : String(error);
          deps.logger.warn({ outboxId: item.id, permanent, reason }, 'message delivery failed');
          await deps.store.markMessageFailed(item.id, reason, permanent, deps.clock.now());
          if (!permanent) return false;
        }
      }
      if (batch.length < BATCH) return true;
    }
  }

  function flush(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    let healthy = true;
    running = (async () => {
      do {
        again = false;
        healthy = await pass();
      } while (again && healthy);
    })().finally(() => {
      running = null;
      // A flush that arrived as the last pass was finishing gets its own pass (unless sending is failing now).
      if (again && healthy) void flush().catch((err: unknown) => deps.logger.error({ err }, 'message delivery failed'));
    });
    return running;
  }

  return { flush };
}
