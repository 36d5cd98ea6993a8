export type NudgeStatus = 'scheduled' | 'sent' | 'met' | 'skipped' | 'missed' | 'cancelled';

/** One check-in cycle of a pairing. */
export interface Nudge {
  id: number;
  pairingId: number;
  communityId: string;
  dueAt: Date;
  generation: number;
  status: NudgeStatus;
  sentAt: Date | null;
}

/** The scheduler job id of a nudge: a new generation is a new job, so an old timer cannot fire it. */
export const nudgeJobId = (nudge: Pick<Nudge, 'id' | 'generation'>): string => `nudge:${nudge.id}:${nudge.generation}`;

/**
 * How far ahead a nudge's timer is set in the scheduler. Later check-ins wait in Postgres, and the reconciler
 * (every 5 minutes) sets their timers as they come within it. So Redis holds the next quarter of an hour of
 * timers instead of one per pairing, and a burst of deliveries does not also write a burst of timers for
 * check-ins weeks away.
 */
export const TIMER_HORIZON_MS = 15 * 60_000;

/** Whether a nudge due at `dueAt` gets its timer now (else the reconciler sets it later). */
export const timerDueSoon = (dueAt: Date, now: Date): boolean => dueAt.getTime() <= now.getTime() + TIMER_HORIZON_MS;

export type NudgeAnswer = 'met' | 'snooze' | 'skip' | 'help' | 'still-on';

/** The timer task that delivers a nudge (see the scheduler port). */
export const nudgeTask = (nudge: Pick<Nudge, 'id' | 'generation' | 'communityId'>) => ({
  type: 'nudge' as const,
  communityId: nudge.communityId,
  nudgeId: nudge.id,
  generation: nudge.generation,
});
