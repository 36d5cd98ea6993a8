import type { CommunityId, PersonId } from './ids';

export type PairingSource = 'manual' | 'round' | 'request';

export interface Pairing {
  id: number;
  communityId: CommunityId;
  mentorId: PersonId;
  menteeId: PersonId;
  status: 'active' | 'ended';
  source: PairingSource;
  cadenceMinutes: number;
  startedAt: Date;
  endedAt: Date | null;
  atRisk: boolean;
  /** Consecutive check-ins that went unanswered; a logged check-in resets it. */
  missedCheckins: number;
}

export const partnerOf = (pairing: Pairing, person: PersonId): PersonId =>
  pairing.mentorId === person ? pairing.menteeId : pairing.mentorId;

export interface Goal {
  number: number;
  text: string;
  doneAt: Date | null;
}
