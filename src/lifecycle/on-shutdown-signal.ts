import type { Logger } from '../ports/logger';

export interface ShutdownOptions {
  /** After this long the process exits with 1 even if work is still running (what `SHUTDOWN_TIMEOUT_MS` sets). */
  timeoutMs: number;
  logger: Logger;
}

/**
 * Stops on SIGTERM / SIGINT: the first signal shuts down in order, a second one exits at once. Resolves with
 * the exit code: 0 after a clean shutdown, 1 when a step failed. A shutdown that outlasts the bound exits
 * with 1 from here, because whatever hangs (a stuck request, a job) would otherwise keep the process alive
 * until the orchestrator's SIGKILL, with no word in the log about why.
 */
export function onShutdownSignal(shutdown: () => Promise<void>, options: ShutdownOptions): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    const handler = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(130);
      stopping = true;
      // Not unref'd: while a step waits on a promise that nothing else keeps alive, this timer still fires.
      const bound = setTimeout(() => {
        options.logger.error(
          { signal, timeoutMs: options.timeoutMs },
          'shutdown timed out; exiting with work unfinished',
        );
        process.exit(1);
      }, options.timeoutMs);
      void shutdown().then(
        () => {
          clearTimeout(bound);
          resolve(0);
        },
        (error: unknown) => {
          clearTimeout(bound);
          options.logger.error({ err: error, signal }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.on('SIGTERM', handler);
    process.on('SIGINT', handler);
  });
}
