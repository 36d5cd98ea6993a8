import type { Logger } from '../ports/logger';
import type { Outbound } from '../ports/outbound';
import type { OutboxDeliverer } from './outbox-deliverer';

/** How often messages waiting for someone's working hours (or a retry) are looked at. */
const POLL_MS = 30_000;

/** The embedded default's outbound: this process drains the outbox itself, on every kick and on a timer. */
export function inProcessOutbound(deliverer: OutboxDeliverer, logger: Logger, pollMs = POLL_MS): Outbound {
  let timer: NodeJS.Timeout | null = null;
  const flush = () => deliverer.flush().catch((err: unknown) => logger.error({ err }, 'message delivery failed'));
  return {
    kick: flush,
    resync: flush,
    async start() {
      timer = setInterval(() => void flush(), pollMs);
      await flush();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await flush();
    },
  };
}
