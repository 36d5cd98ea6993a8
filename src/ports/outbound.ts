import type { PendingMessage } from './store';

/**
 * Sends what the outbox holds. The embedded default drains it in this process; with Redis, a BullMQ queue
 * carries each message with retries, backoff and a global rate limit, so several workers can share the work.
 */
export interface Outbound {
  /** Something was queued: send it soon. Cheap and safe to call often. */
  kick(): Promise<void>;
  /**
   * Sends, here and now, messages this process claimed as its transaction queued them (StoreTx.queueMessages
   * with `claimUntil`), saving the round through the queue (Outbox.handOff). Only a started outbound takes
   * them; otherwise, or for what it cannot send, they go back to the outbox and the queue is woken. Never
   * rejects.
   */
  handOff(claimed: PendingMessage[]): Promise<void>;
  /** Re-queues everything the outbox still holds (after a restart or a Redis flush). */
  resync(): Promise<void>;
  /** Starts sending (only worker processes call this). */
  start(): Promise<void>;
  stop(): Promise<void>;
}
