import type { CommunityId, PersonId } from './ids';

export type Role = 'mentor' | 'mentee' | 'both';
export type MemberStatus = 'active' | 'paused' | 'left';

export interface Member {
  communityId: CommunityId;
  id: PersonId;
  displayName: string;
  role: Role;
  skills: string[];
  goals: string[];
  timezone: string;
  languages: string[];
  /** How many mentees a mentor takes at once (0 for mentees). */
  capacity: number;
  cadenceMinutes: number;
  experienceYears: number | null;
  status: MemberStatus;
  pausedUntil: Date | null;
  priority: boolean;
  joinedAt: Date;
}

export const mentors = (role: Role): boolean => role === 'mentor' || role === 'both';
export const mentees = (role: Role): boolean => role === 'mentee' || role === 'both';

/** What delivering a message to a member needs to know about them. */
export type Recipient = Pick<Member, 'id' | 'timezone' | 'status' | 'pausedUntil'>;

/** Paused members whose pause has run out count as active again without anyone having to say `resume`. */
export function isAvailable(member: Pick<Member, 'status' | 'pausedUntil'>, now: Date): boolean {
  if (member.status === 'active') return true;
  return member.status === 'paused' && member.pausedUntil !== null && member.pausedUntil <= now;
}
