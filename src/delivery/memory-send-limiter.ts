import { systemClock, type Clock } from '../ports/clock';
import { grantInWindow, limitWindow, type SendLimiter } from '../ports/send-limiter';

/**
 * The send limiter of a single process (the embedded default): the same windows, kept in memory. It paces
 * real sends, so it reads the wall clock unless told otherwise.
 */
export function memorySendLimiter(options: { maxPerSecond: number; clock?: Clock }): SendLimiter {
  const clock = options.clock ?? systemClock;
  const limit = limitWindow(options.maxPerSecond);
  let window = -1;
  let used = 0;
  let pausedUntil = 0;
  return {
    async take(count) {
      const now = clock.now().getTime();
      if (now < pausedUntil) return { granted: 0, retryInMs: pausedUntil - now };
      const current = Math.floor(now / limit.windowMs);
      if (current !== window) {
        window = current;
        used = 0;
      }
      const answer = grantInWindow(count, used, limit, now);
      used += answer.granted;
      return answer;
    },
    async pause(ms) {
      pausedUntil = Math.max(pausedUntil, clock.now().getTime() + ms);
    },
  };
}
