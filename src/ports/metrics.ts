/** How a command ended: it did what was asked, it was refused with a sentence (bad input, a rule), or a bug. */
export type CommandOutcome = 'ok' | 'refused' | 'error';

/** How one run of a queued job ended: done, failed for good, or failed and will be tried again. */
export type JobOutcome = 'processed' | 'failed' | 'retried';

/**
 * What the bot counts about itself, in its own words. The Prometheus implementation lives in
 * src/observability/; tests and the local shell use `noopMetrics`.
 */
export interface Metrics {
  commandFinished(command: string, outcome: CommandOutcome, seconds: number): void;
  /** `queue` names the queue or scheduler (`timers`, `outbound`), never a job id: labels must stay few. */
  jobFinished(queue: string, outcome: JobOutcome): void;
  /** A check-in nudge reached a person (one per recipient). */
  nudgeSent(): void;
  /** A check-in was recorded, by command or by a nudge's button. */
  checkinLogged(): void;
}

/** What use cases count from inside a transaction; counted only once it committed (see `countAfterCommit`). */
export type CountedEvent = 'checkinLogged' | 'nudgeSent';

export const noopMetrics: Metrics = {
  commandFinished: () => undefined,
  jobFinished: () => undefined,
  nudgeSent: () => undefined,
  checkinLogged: () => undefined,
};
