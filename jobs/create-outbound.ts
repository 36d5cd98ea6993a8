import { outboxDeliverer } from '../src/delivery/outbox-deliverer';
import { inProcessOutbound } from '../src/delivery/in-process-outbound';
import type { Clock } from '../src/ports/clock';
import type { Logger } from '../src/ports/logger';
import type { Messenger } from '../src/ports/messenger';
import type { Outbound } from '../src/ports/outbound';
import type { Store } from '../src/ports/store';
import { bullmqOutbound } from './bullmq-outbound';

/** The BullMQ outbound queue when Redis is configured; otherwise this process drains the outbox itself. */
export function createOutbound(options: {
  redisUrl?: string | undefined;
  prefix: string;
  store: Store;
  messenger: Messenger;
  clock: Clock;
  logger: Logger;
}): Outbound {
  const { redisUrl, prefix, ...rest } = options;
  return redisUrl
    ? bullmqOutbound({ connection: redisUrl, prefix, ...rest })
    : inProcessOutbound(outboxDeliverer(rest), options.logger);
}
