import type { Logger } from '../src/ports/logger';
import type { Scheduler } from '../src/ports/scheduler';
import { bullmqScheduler } from './bullmq-scheduler';
import { inProcessScheduler } from './in-process-scheduler';

/** BullMQ on Redis when a Redis URL is configured; otherwise the in-process scheduler (embedded default). */
export function createScheduler(options: { redisUrl?: string | undefined; prefix: string; logger: Logger }): Scheduler {
  return options.redisUrl
    ? bullmqScheduler({ connection: options.redisUrl, prefix: options.prefix, logger: options.logger })
    : inProcessScheduler({ logger: options.logger });
}
