interface Waiter {
  check(): boolean;
  cancel(reason: string): void;
}

/**
 * Promises that settle when recorded traffic matches, so e2e tests wait for "the bot posted" instead of
 * sleeping a guessed time. The owner calls notify() after recording anything; the timeout only turns a
 * missing call into a readable failure (what was seen instead), it is not a measurement.
 */
export function createWaiters() {
  const pending = new Set<Waiter>();

  function waitFor<T>(
    what: string,
    matches: () => T[],
    { where, count = 1, timeoutMs = 5000 }: { where?: (item: T) => boolean; count?: number; timeoutMs?: number },
    seen: () => string,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          const found = matches().filter((item) => !where || where(item))[count - 1];
          if (found === undefined) return false;
          finish();
          resolve(found);
          return true;
        },
        cancel: (reason) => {
          finish();
          reject(new Error(`waiting for ${what}: ${reason}`));
        },
      };
      const timer = setTimeout(
        () => waiter.cancel(`timed out after ${timeoutMs} ms (seen: ${seen() || 'nothing'})`),
        timeoutMs,
      );
      const finish = (): void => {
        clearTimeout(timer);
        pending.delete(waiter);
      };
      pending.add(waiter);
      waiter.check();
    });
  }

  return {
    waitFor,
    notify: (): void => {
      for (const waiter of [...pending]) waiter.check();
    },
    cancelAll: (reason: string): void => {
      for (const waiter of [...pending]) waiter.cancel(reason);
    },
  };
}
