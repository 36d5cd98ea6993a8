import type { NudgeTimer } from '../commands/use-cases/checkins/deliver-nudges';

interface Waiting {
  timer: NudgeTimer;
  resolve(): void;
  reject(error: unknown): void;
}

export interface NudgeBatcherOptions {
  /** Delivers one community's fired timers in one transaction; throws to fail them all. */
  deliver(communityId: string, timers: NudgeTimer[]): Promise<void>;
  /** Most timers per transaction. */
  maxBatch?: number;
  /** Transactions running at once (each holds a database connection). */
  maxInFlight?: number;
}

/**
 * Group commit for nudge timers. A timer that fires while fewer than `maxInFlight` batches run goes out at
 * once (on its own when the bot is quiet); timers that fire while batches run wait and go together in the
 * next one. So a burst of due check-ins costs a few transactions instead of one per nudge, and each timer's
 * promise settles only once its nudge is committed: a crash before that leaves the timer to be retried.
 */
export function nudgeBatcher(options: NudgeBatcherOptions): {
  add(communityId: string, timer: NudgeTimer): Promise<void>;
  /** Runs a batch of the community soon even if no timer fires: more nudges are already due (a burst). */
  pull(communityId: string): void;
} {
  const maxBatch = options.maxBatch ?? 500;
  const maxInFlight = options.maxInFlight ?? 2;
  const waiting = new Map<string, Waiting[]>();
  let inFlight = 0;
  let pumpQueued = false;

  async function run(communityId: string, batch: Waiting[]): Promise<void> {
    try {
      await options.deliver(
        communityId,
        batch.map((w) => w.timer),
      );
      for (const w of batch) w.resolve();
    } catch (error) {
      // A pulled batch (no timers) that fails leaves its nudges due, for their own timers to take.
      if (batch.length <= 1) return batch[0]?.reject(error);
      // One bad nudge must not fail its neighbours: on their own, the others still go out.
      await Promise.all(batch.map((w) => run(communityId, [w])));
    }
  }

  function pump(): void {
    pumpQueued = false;
    while (inFlight < maxInFlight && waiting.size > 0) {
      const [communityId, queue] = waiting.entries().next().value as [string, Waiting[]];
      const batch = queue.splice(0, maxBatch);
      if (queue.length === 0) waiting.delete(communityId);
      inFlight++;
      void run(communityId, batch).finally(() => {
        inFlight--;
        pump();
      });
    }
  }

  const queueOf = (communityId: string) => waiting.get(communityId) ?? waiting.set(communityId, []).get(communityId)!;
  function pumpSoon(): void {
    // Timers firing in the same turn of the event loop join one batch.
    if (pumpQueued) return;
    pumpQueued = true;
    setImmediate(pump);
  }

  return {
    add(communityId, timer) {
      return new Promise<void>((resolve, reject) => {
        queueOf(communityId).push({ timer, resolve, reject });
        pumpSoon();
      });
    },
    pull(communityId) {
      queueOf(communityId);
      pumpSoon();
    },
  };
}
