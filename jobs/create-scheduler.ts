import type { Logger } from '../src/ports/logger';
import type { Metrics } from '../src/ports/metrics';
import type { Scheduler } from '../src/ports/scheduler';
import { bullmqScheduler } from './bullmq-scheduler';
import { inProcessScheduler } from './in-process-scheduler';

/** BullMQ on Redis when a Redis URL is configured; otherwise the in-process scheduler (embedded default). */
export function createScheduler(options: {
  redisUrl?: string | undefined;
  prefix: string;
  logger: Logger;
  metrics?: Metrics;
}): Scheduler {
  const { redisUrl, prefix, logger } = options;
  const metrics = options.metrics && { metrics: options.metrics };
  return redisUrl
    ? bullmqScheduler({ connection: redisUrl, prefix, logger, ...metrics })
    : inProcessScheduler({ logger, ...metrics });
}
