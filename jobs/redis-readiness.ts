import { Redis } from 'ioredis';
import type { ReadinessCheck } from '../src/observability/readiness';

/**
 * /readyz's Redis check: PING on a connection of its own, so a check never waits behind BullMQ's blocking
 * commands. `close` at shutdown.
 */
export function redisReadiness(url: string): ReadinessCheck & { close(): void } {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectionName: 'mentor-bot-readyz',
    // A half-open socket to a dead Redis would otherwise hold the process for 2 s after close() at shutdown.
    disconnectTimeout: 200,
  });
  // While Redis is down the client keeps reconnecting in the background; a failed PING is the report, not a crash.
  client.on('error', () => undefined);
  return {
    name: 'redis',
    async probe() {
      const answer = await client.ping();
      if (answer !== 'PONG') throw new Error(`unexpected PING answer ${answer}`);
    },
    close: () => client.disconnect(),
  };
}
