import type { PersonId } from './ids';

export interface DraftPair {
  mentor: PersonId;
  mentee: PersonId;
  score: number;
  reasons: string[];
  /** Locked by a moderator (`round lock` or `round swap`): kept as it is when the draft is recomputed. */
  locked: boolean;
}

export interface DraftUnmatched {
  id: PersonId;
  reason: string;
}

/** What a moderator previews: every pair with its reasons, everyone left out with theirs. */
export interface RoundDraft {
  pairs: DraftPair[];
  unmatched: DraftUnmatched[];
  /** People a moderator took out of this round (`round exclude`). */
  excluded: PersonId[];
  totalScore: number;
  /** How the matcher proved the draft optimal, shown in `round status`. */
  proof: string;
}

export interface Round {
  id: number;
  communityId: string;
  status: 'draft' | 'published' | 'cancelled';
  draft: RoundDraft;
  createdAt: Date;
  decidedAt: Date | null;
}

export interface MentorRequest {
  id: number;
  menteeId: PersonId;
  mentorId: PersonId;
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
  createdAt: Date;
}
