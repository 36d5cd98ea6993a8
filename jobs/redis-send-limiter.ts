import type Redis from 'ioredis';
import { grantInWindow, limitWindow, type SendLimiter } from '../src/ports/send-limiter';

/**
 * The send limiter shared by every worker through Redis: one counter per window and one pause key, read and
 * bumped in a single round trip. Windows follow each worker's own clock; a few milliseconds of skew between
 * machines only moves a window edge.
 */
export function redisSendLimiter(options: { redis: Redis; prefix: string; maxPerSecond: number }): SendLimiter {
  const limit = limitWindow(options.maxPerSecond);
  const pauseKey = `${options.prefix}:outbound:paused`;
  return {
    async take(count) {
      const now = Date.now();
      const windowKey = `${options.prefix}:outbound:window:${Math.floor(now / limit.windowMs)}`;
      const replies = await options.redis
        .multi()
        .pttl(pauseKey)
        .incrby(windowKey, count)
        .pexpire(windowKey, 10 * limit.windowMs)
        .exec();
      const [pauseTtl, used] = (replies ?? []).map(([error, value]) => {
        if (error) throw error;
        return Number(value);
      });
      if (pauseTtl! > 0) return { granted: 0, retryInMs: pauseTtl! };
      return grantInWindow(count, used! - count, limit, now);
    },
    async pause(ms) {
      // A shorter pause never cuts a longer one short: create it, or only ever lengthen it.
      const px = Math.max(1, Math.ceil(ms));
      await options.redis.multi().set(pauseKey, '1', 'PX', px, 'NX').pexpire(pauseKey, px, 'GT').exec();
    },
  };
}
