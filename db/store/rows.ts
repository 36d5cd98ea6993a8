import type { Member, Recipient } from '../../src/domain/member';
import type { Nudge } from '../../src/domain/nudge';
import type { Goal, Pairing } from '../../src/domain/pairing';
import type { PairingToNudge } from '../../src/ports/store';

export interface MemberRow {
  community_id: string;
  id: string;
  display_name: string;
  role: Member['role'];
  skills: string[];
  goals: string[];
  timezone: string;
  languages: string[];
  capacity: number;
  cadence_minutes: number;
  experience_years: number | null;
  status: Member['status'];
  paused_until: Date | null;
  priority: boolean;
  joined_at: Date;
}

export const memberFromRow = (row: MemberRow): Member => ({
  communityId: row.community_id,
  id: row.id,
  displayName: row.display_name,
  role: row.role,
  skills: row.skills,
  goals: row.goals,
  timezone: row.timezone,
  languages: row.languages,
  capacity: row.capacity,
  cadenceMinutes: row.cadence_minutes,
  experienceYears: row.experience_years,
  status: row.status,
  pausedUntil: row.paused_until,
  priority: row.priority,
  joinedAt: row.joined_at,
});

export interface PairingRow {
  id: number;
  community_id: string;
  mentor_id: string;
  mentee_id: string;
  status: Pairing['status'];
  source: Pairing['source'];
  cadence_minutes: number;
  started_at: Date;
  ended_at: Date | null;
  at_risk: boolean;
  missed_checkins: number;
}

export const pairingFromRow = (row: PairingRow): Pairing => ({
  id: row.id,
  communityId: row.community_id,
  mentorId: row.mentor_id,
  menteeId: row.mentee_id,
  status: row.status,
  source: row.source,
  cadenceMinutes: row.cadence_minutes,
  startedAt: row.started_at,
  endedAt: row.ended_at,
  atRisk: row.at_risk,
  missedCheckins: row.missed_checkins,
});

/** A pairing with what nudging its two people needs, NULL for one who is no longer a member. */
export interface PairingToNudgeRow extends PairingRow {
  mentor_timezone: string | null;
  mentor_status: Member['status'] | null;
  mentor_paused_until: Date | null;
  mentee_timezone: string | null;
  mentee_status: Member['status'] | null;
  mentee_paused_until: Date | null;
}

/** One side of a pairing as the joined row has it; no status means the person is no longer a member. */
function recipientOf(
  id: string,
  timezone: string | null,
  status: Member['status'] | null,
  pausedUntil: Date | null,
): Recipient | null {
  return status === null ? null : { id, timezone: timezone!, status, pausedUntil };
}

export const pairingToNudgeFromRow = (row: PairingToNudgeRow): PairingToNudge => ({
  pairing: pairingFromRow(row),
  mentor: recipientOf(row.mentor_id, row.mentor_timezone, row.mentor_status, row.mentor_paused_until),
  mentee: recipientOf(row.mentee_id, row.mentee_timezone, row.mentee_status, row.mentee_paused_until),
});

export const goalFromRow = (row: { number: number; text: string; done_at: Date | null }): Goal => ({
  number: row.number,
  text: row.text,
  doneAt: row.done_at,
});

export interface NudgeRow {
  id: number;
  pairing_id: number;
  community_id: string;
  due_at: Date;
  generation: number;
  status: Nudge['status'];
  sent_at: Date | null;
}

export const nudgeFromRow = (row: NudgeRow): Nudge => ({
  id: row.id,
  pairingId: row.pairing_id,
  communityId: row.community_id,
  dueAt: row.due_at,
  generation: row.generation,
  status: row.status,
  sentAt: row.sent_at,
});
