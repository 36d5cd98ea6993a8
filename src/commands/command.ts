import type { PersonId } from '../domain/ids';
import type { Role } from '../domain/member';
import type { NudgeAnswer } from '../domain/nudge';

/** Profile fields a member may give on `join` or change on `edit`; absent means "not given". */
export interface ProfileFields {
  skills?: string[];
  goals?: string[];
  timezone?: string;
  languages?: string[];
  capacity?: number;
  cadenceMinutes?: number;
  experienceYears?: number;
  displayName?: string;
}

/**
 * Every command of the product, platform-neutral and validated. The text parser produces these; the Discord
 * adapter maps its options onto the same shapes; use cases take them as trusted input.
 */
export type Command =
  | { name: 'help' }
  | { name: 'home' }
  | { name: 'join'; role: Role | null; profile: ProfileFields }
  | { name: 'edit'; profile: ProfileFields }
  | { name: 'profile'; subject: PersonId | null }
  | { name: 'pause'; until: { date: string } | { days: number } | null }
  | { name: 'resume' }
  | { name: 'leave' }
  | { name: 'forget-me'; confirmed: boolean }
  | { name: 'block'; subject: PersonId }
  | { name: 'checkin'; partner: PersonId | null; note: string }
  | { name: 'goal-add'; partner: PersonId | null; text: string }
  | { name: 'goal-done'; partner: PersonId | null; number: number }
  | { name: 'goals'; partner: PersonId | null }
  | { name: 'thanks'; subject: PersonId; message: string }
  | { name: 'end'; partner: PersonId | null; reason: string }
  | { name: 'feedback'; pairingId: number; rating: number | null; text: string }
  | { name: 'pair'; mentor: PersonId; mentee: PersonId; force: boolean }
  | { name: 'unpair'; mentor: PersonId; mentee: PersonId }
  | { name: 'config'; key: string | null; value: string | null }
  | { name: 'stats' }
  | { name: 'export' }
  | { name: 'nudge-answer'; nudgeId: number; answer: NudgeAnswer }
  | { name: 'suggest' }
  | { name: 'request'; mentor: PersonId }
  | { name: 'request-decision'; requestId: number; accept: boolean }
  | { name: 'round'; action: 'preview' | 'publish' | 'cancel' | 'status' }
  | { name: 'round-edit'; action: RoundEdit; people: PersonId[] }
  | { name: 'round-schedule'; cron: string | null };

/** Moderator edits of the draft round: swap two mentees' mentors, lock a pair, take someone out or back in. */
export type RoundEdit = 'swap' | 'lock' | 'unlock' | 'exclude' | 'include';

export type CommandName = Command['name'];
