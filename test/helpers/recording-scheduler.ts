import type { CoreDeps } from '../../src/commands/run-in-context';
import { reconcileTimers } from '../../src/delivery/reconcile-timers';
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
 * The timer of the next check-in, as the reconciler sets it once the check-in comes within the timer horizon:
 * the clock moves to a minute before it and the reconciler runs.
 */
export async function nextNudgeTimer(bot: {
  deps: CoreDeps;
  clock: { set(at: Date): void };
  scheduler: RecordingScheduler;
}): Promise<{ at: Date; task: ScheduledTask }> {
  const [next] = (await bot.deps.store.scheduledNudges()).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  if (!next) throw new Error('no check-in is scheduled');
  bot.clock.set(new Date(next.dueAt.getTime() - 60_000));
  await reconcileTimers(bot.deps);
  return [...bot.scheduler.timers.values()].find((t) => t.task.type === 'nudge')!;
}
