import type { MatchWeights } from './types';

/**
 * The soft score, one formula shared by the fast row scorer and the explanations so that both agree to the bit:
 *
 *   base = goalFit·G + (((timezoneOverlap·T + experienceGap·E) + cadence·C) + priority·P)
 *   G = Σ idf(shared goals) / Σ idf(all goals)               0 when the mentee lists no goals
 *   T = shared working hours / 12                            0.5 when a zone is unknown
 *   E = clamp(0.5 + (mentor years − mentee years) / 6, 0, 1)  0.5 when either is unknown
 *   C = clamp(1 − |log2(mentor days / mentee days)| / 2, 0, 1) 0.5 when either is unknown (weekly vs monthly = 0)
 *   P = 0.75 if the mentee has priority + 0.25 if the mentor has priority
 *
 * With the default weights (summing to 1) base ∈ [0, 1]; the pair's score is base − loadSpread × (load + k).
 * The bracketing is part of the definition: the hot loop adds per-mentee table entries in exactly this order.
 */
export const NEUTRAL = 0.5;

export function experienceFit(mentorYears: number, menteeYears: number): number {
  if (Number.isNaN(mentorYears) || Number.isNaN(menteeYears)) return NEUTRAL;
  return Math.min(1, Math.max(0, 0.5 + (mentorYears - menteeYears) / 6));
}

/** Takes log2 of the cadences so the hot loop does not call Math.log per pair. */
export function cadenceFit(mentorLog2Days: number, menteeLog2Days: number): number {
  if (Number.isNaN(mentorLog2Days) || Number.isNaN(menteeLog2Days)) return NEUTRAL;
  return Math.max(0, 1 - Math.abs(mentorLog2Days - menteeLog2Days) / 2);
}

export function priorityFit(menteePriority: boolean, mentorPriority: boolean): number {
  return (menteePriority ? 0.75 : 0) + (mentorPriority ? 0.25 : 0);
}

export function timezoneFit(overlapHours: number | undefined): number {
  return overlapHours === undefined ? NEUTRAL : overlapHours / 12;
}

export function combineFit(w: MatchWeights, goal: number, tz: number, exp: number, cad: number, pri: number): number {
  return w.goalFit * goal + (w.timezoneOverlap * tz + w.experienceGap * exp + w.cadence * cad + w.priority * pri);
}
