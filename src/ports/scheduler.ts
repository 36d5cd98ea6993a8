import { z } from 'zod';

/**
 * Work the bot must do at a time. Postgres holds the truth of what is due; a scheduler only carries the
 * timing, so every task is safe to run twice or late (its handler re-checks Postgres) and can be rebuilt
 * from Postgres after a crash or a Redis flush.
 */
export const scheduledTaskSchema = z.discriminatedUnion('type', [
  /** A check-in nudge row is due. `generation` changes when the nudge is snoozed or rescheduled. */
  z.object({
    type: z.literal('nudge'),
    communityId: z.string().min(1),
    nudgeId: z.number().int().positive(),
    generation: z.number().int().min(0),
  }),
  /** A community's automatic round fires (recurring). */
  z.object({ type: z.literal('round'), communityId: z.string().min(1) }),
  /** Rebuild missing timing from Postgres (recurring, one process at a time). */
  z.object({ type: z.literal('reconcile') }),
]);

export type ScheduledTask = z.infer<typeof scheduledTaskSchema>;

/** One one-off task to schedule: its id, when, and what. */
export interface TimerRequest {
  id: string;
  at: Date;
  task: ScheduledTask;
}

/**
 * Contract notes, shared by the BullMQ and in-process implementations:
 * - ids are any non-empty string; a pending id scheduled again keeps its first time and payload, so a task
 *   that moves gets a new id (nudges carry their generation in the id);
 * - "pending" means waiting, delayed, waiting for a retry or running;
 * - cancel cannot stop a task that is already running (handlers re-check Postgres);
 * - recurring runs missed while no worker was up are not caught up; the next occurrence runs;
 * - cron has five fields (a sixth, leading seconds field is accepted too);
 * - start once; a stopped scheduler is not started again.
 */
export interface Scheduler {
  /**
   * Runs `task` once at (or soon after) `at`. The same `id` scheduled again while it is pending is ignored,
   * so callers can schedule freely; a past `at` runs at once.
   */
  schedule(id: string, at: Date, task: ScheduledTask): Promise<void>;
  /** `schedule` for many tasks in one go (a batch of delivered nudges sets as many next timers). */
  scheduleAll(timers: TimerRequest[]): Promise<void>;
  /** Forgets a pending one-off task; unknown ids are ignored. */
  cancel(id: string): Promise<void>;
  /** Ids of one-off tasks still pending, for the reconciler to compare with Postgres. */
  pendingIds(): Promise<Set<string>>;
  /** Runs `task` on a cron schedule (5 fields) in `timezone`, replacing any schedule with this id. */
  repeat(id: string, cron: string, timezone: string, task: ScheduledTask): Promise<void>;
  stopRepeating(id: string): Promise<void>;
  /** Recurring schedules by id, for the reconciler. */
  repeatingIds(): Promise<Set<string>>;
  /**
   * Starts running due tasks through `handler`. A handler that throws is retried with backoff; one that was
   * cut off by a crash runs again later (so handlers must be idempotent).
   */
  start(handler: (task: ScheduledTask) => Promise<void>): Promise<void>;
  /** Stops taking tasks and waits (bounded) for running ones; pending tasks stay scheduled. */
  stop(): Promise<void>;
}
