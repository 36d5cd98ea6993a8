import { memorySendLimiter } from '../src/delivery/memory-send-limiter';
import { outboxDeliverer } from '../src/delivery/outbox-deliverer';
import { inProcessOutbound } from '../src/delivery/in-process-outbound';
import type { Clock } from '../src/ports/clock';
import type { Logger } from '../src/ports/logger';
import type { Metrics } from '../src/ports/metrics';
import type { Messenger } from '../src/ports/messenger';
import type { Outbound } from '../src/ports/outbound';
import type { Store } from '../src/ports/store';
import { bullmqOutbound, DEFAULT_MAX_PER_SECOND } from './bullmq-outbound';

/** The BullMQ outbound queue when Redis is configured; otherwise this process drains the outbox itself. */
export function createOutbound(options: {
  redisUrl?: string | undefined;
  prefix: string;
  store: Store;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
  metrics?: Metrics;
}): Outbound {
  const { redisUrl, prefix, ...rest } = options;
  if (redisUrl) return bullmqOutbound({ connection: redisUrl, prefix, ...rest });
  const limiter = memorySendLimiter({ maxPerSecond: DEFAULT_MAX_PER_SECOND });
  return inProcessOutbound(outboxDeliverer({ ...rest, limiter }), options.logger);
}
