/**
 * One pace for sending, shared by every sender of a deployment: a cap on messages per second (Discord allows
 * a bot about 50 requests a second; we keep a margin) and the platform's "slow down" (Retry-After), which
 * holds back every sender, not only the one that was told.
 */
export interface SendLimiter {
  /** Asks to send `count` messages now: how many may go, and when fewer, how long until more may. */
  take(count: number): Promise<{ granted: number; retryInMs: number }>;
  /** The platform said wait: nobody sends for `ms`. */
  pause(ms: number): Promise<void>;
}

/**
 * Limits count in short fixed windows: a 1 s window could let twice the rate through across a window edge,
 * so a window is a tenth of a second, or long enough for one message at slow rates (5/s: one per 200 ms).
 */
export function limitWindow(maxPerSecond: number): { windowMs: number; perWindow: number } {
  const windowMs = Math.max(100, Math.ceil(1000 / maxPerSecond));
  return { windowMs, perWindow: Math.max(1, Math.floor((maxPerSecond * windowMs) / 1000)) };
}

/** What a window grants when `usedBefore` messages already went in it: at most `count`, never below zero. */
export function grantInWindow(
  count: number,
  usedBefore: number,
  window: { windowMs: number; perWindow: number },
  nowMs: number,
): { granted: number; retryInMs: number } {
  const granted = Math.max(0, Math.min(count, window.perWindow - usedBefore));
  const nextWindow = (Math.floor(nowMs / window.windowMs) + 1) * window.windowMs;
  return { granted, retryInMs: granted < count ? nextWindow - nowMs : 0 };
}
