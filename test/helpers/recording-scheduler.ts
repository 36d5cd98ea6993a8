import type { CoreDeps } from '../../src/commands/run-in-context';
import { reconcileTimers } from '../../src/delivery/reconcile-timers';
import { nudgeJobId } from '../../src/domain/nudge';
import type { ScheduledTask, Scheduler } from '../../src/ports/scheduler';

export interface RecordingScheduler extends Scheduler {
  /** Pending one-off timers by id. */
  timers: Map<string, { at: Date; task: ScheduledTask }>;
  repeating: Map<string, { cron: string; timezone: string; task: ScheduledTask }>;
}

/**
 * Keeps timers without firing them, so command tests can see what the core asked for and fire tasks
 * themselves, in order, with a test clock. The real schedulers pass their own contract suite.
 */
export function recordingScheduler(): RecordingScheduler {
  const timers = new Map<string, { at: Date; task: ScheduledTask }>();
  const repeating = new Map<string, { cron: string; timezone: string; task: ScheduledTask }>();
  return {
    timers,
    repeating,
    async schedule(id, at, task) {
      if (!timers.has(id)) timers.set(id, { at, task });
    },
    async scheduleAll(requests) {
      for (const { id, at, task } of requests) if (!timers.has(id)) timers.set(id, { at, task });
    },
    async cancel(id) {
      timers.delete(id);
    },
    pendingIds: async () => new Set(timers.keys()),
    async repeat(id, cron, timezone, task) {
      repeating.set(id, { cron, timezone, task });
    },
    async stopRepeating(id) {
      repeating.delete(id);
    },
    repeatingIds: async () => new Set(repeating.keys()),
    async start() {},
    async stop() {},
  };
}

/**
 * A check-in's timer as the reconciler sets it once the check-in comes within the timer horizon: the clock
 * moves to a minute before the check-in (never backwards) and the reconciler runs, as it does every 5 minutes.
 * `jobId` names the nudge timer (`nudge:ID:GENERATION`); without it, the next check-in's.
 */
export async function nudgeTimer(
  bot: { deps: CoreDeps; clock: { now(): Date; set(at: Date): void }; scheduler: RecordingScheduler },
  jobId?: string,
): Promise<{ at: Date; task: ScheduledTask }> {
  const scheduled = (await bot.deps.store.scheduledNudges()).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const nudge = jobId ? scheduled.find((n) => nudgeJobId(n) === jobId) : scheduled[0];
  if (nudge) bot.clock.set(new Date(Math.max(bot.clock.now().getTime(), nudge.dueAt.getTime() - 60_000)));
  await reconcileTimers(bot.deps);
  const id = jobId ?? (nudge && nudgeJobId(nudge));
  const timer = id === undefined ? undefined : bot.scheduler.timers.get(id);
  if (!timer)
    throw new Error(`no timer ${id ?? 'for a check-in'}; have ${[...bot.scheduler.timers.keys()].join(', ')}`);
  return timer;
}
