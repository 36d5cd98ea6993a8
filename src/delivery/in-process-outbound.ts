import { inFlightWork } from '../lifecycle/in-flight-work';
import type { Logger } from '../ports/logger';
import type { Outbound } from '../ports/outbound';
import { handOffOrWake, type OutboxDeliverer } from './outbox-deliverer';

/** However far off the next waiting message is, look again at least this often (a clock jump, a missed wake). */
const POLL_MS = 30_000;

/**
 * The embedded default's outbound: this process drains the outbox itself, on every kick, and wakes up when
 * the next waiting message (working hours, a retry) may go.
 */
export function inProcessOutbound(deliverer: OutboxDeliverer, logger: Logger, pollMs = POLL_MS): Outbound {
  let timer: NodeJS.Timeout | null = null;
  let started = false;
  let running: Promise<void> | null = null;
  let again = false;
  const abort = new AbortController();
  const handOffs = inFlightWork();

  function wakeAt(next: Date | null): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!started || abort.signal.aborted) return;
    const delay = next ? Math.min(Math.max(0, next.getTime() - Date.now()), pollMs) : pollMs;
    timer = setTimeout(() => void drain(), delay);
  }

  /** Kicks that arrive while a drain runs fold into one more drain after it. */
  function drain(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let next: Date | null = null;
      do {
        again = false;
        next = await deliverer.drain(abort.signal);
      } while (again && !abort.signal.aborted);
      wakeAt(next);
    })()
      .catch((err: unknown) => {
        logger.error({ err }, 'message delivery failed');
        wakeAt(null);
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    kick: drain,
    handOff(claimed) {
      // Before start() (or after stop()) nothing is sent here: an aborted hand-off gives every message back
      // at once, for start() to drain.
      const signal = started ? abort.signal : AbortSignal.abort();
      const wake = started ? drain : async () => {};
      return handOffs.run(() => handOffOrWake(deliverer, claimed, signal, wake, logger));
    },
    resync: drain,
    async start() {
      started = true;
      await drain();
    },
    async stop() {
      started = false;
      if (timer) clearTimeout(timer);
      // Messages of work that just committed still go out; then the drain stops between batches.
      await drain();
      abort.abort();
      await Promise.all([running, handOffs.idle()]);
    },
  };
}
