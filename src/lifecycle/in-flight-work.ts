/** Work that has started and not finished (commands, chat events), so shutdown can wait for it. */
export interface InFlightWork {
  run<T>(work: () => Promise<T>): Promise<T>;
  readonly count: number;
  /** Resolves when nothing is running (at once if nothing is). */
  idle(): Promise<void>;
}

export function inFlightWork(): InFlightWork {
  let count = 0;
  let waiters: (() => void)[] = [];
  const finish = () => {
    count--;
    if (count > 0) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };
  return {
    async run(work) {
      count++;
      try {
        return await work();
      } finally {
        finish();
      }
    },
    get count() {
      return count;
    },
    idle: () => (count === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
  };
}
