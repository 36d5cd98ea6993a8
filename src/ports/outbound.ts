/**
 * Sends what the outbox holds. The embedded default drains it in this process; with Redis, a BullMQ queue
 * carries each message with retries, backoff and a global rate limit, so several workers can share the work.
 */
export interface Outbound {
  /** Something was queued: send it soon. Cheap and safe to call often. */
  kick(): Promise<void>;
  /** Re-queues everything the outbox still holds (after a restart or a Redis flush). */
  resync(): Promise<void>;
  /** Starts sending (only worker processes call this). */
  start(): Promise<void>;
  stop(): Promise<void>;
}
