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

export type NudgeAnswer = 'met' | 'snooze' | 'skip' | 'help' | 'still-on';

/** The timer task that delivers a nudge (see the scheduler port). */
export const nudgeTask = (nudge: Pick<Nudge, 'id' | 'generation' | 'communityId'>) => ({
  type: 'nudge' as const,
  communityId: nudge.communityId,
  nudgeId: nudge.id,
  generation: nudge.generation,
});
