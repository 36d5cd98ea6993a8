/** One dependency the process needs before it can do useful work; `probe` rejects when it cannot. */
export interface ReadinessCheck {
  name: string;
  probe(): Promise<void>;
}

export interface ReadinessReport {
  ready: boolean;
  /** Each check's name with `ok` or `failed`; the reason goes to the log, not to whoever asked. */
  checks: Record<string, 'ok' | 'failed'>;
}

export interface ReadinessOptions {
  /** A probe that hangs (a black-holed database host) counts as failed after this long. */
  timeoutMs?: number;
  onFailure?(name: string, error: unknown): void;
}

function withinTime(probe: Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([probe, late]).finally(() => clearTimeout(timer));
}

/** Runs every check at once; ready only when all pass. */
export async function checkReadiness(
  checks: readonly ReadinessCheck[],
  options: ReadinessOptions = {},
): Promise<ReadinessReport> {
  const timeoutMs = options.timeoutMs ?? 3000;
  const results = await Promise.all(
    checks.map(async (check): Promise<[string, 'ok' | 'failed']> => {
      try {
        // Called inside the try: a probe that throws synchronously is a failed check, not a 500.
        await withinTime(
          Promise.resolve().then(() => check.probe()),
          timeoutMs,
        );
        return [check.name, 'ok'];
      } catch (error) {
        options.onFailure?.(check.name, error);
        return [check.name, 'failed'];
      }
    }),
  );
  return { ready: results.every(([, state]) => state === 'ok'), checks: Object.fromEntries(results) };
}
