/**
 * The vocabulary of the matching engine. Everything here is plain data so that the engine stays pure:
 * callers (the round use case, `suggest`, the offline CLI) build a pool, the engine returns a result.
 */

export interface MatchMentor {
  id: string;
  /** Remaining free slots this round; 0 means the mentor takes nobody new. */
  capacity: number;
  /** Mentees already held; load spreading counts from here (default 0). */
  load?: number;
  skills: string[];
  languages: string[];
  /** IANA zone, e.g. "America/New_York"; absent or unknown counts as neutral. */
  timezone?: string;
  experienceYears?: number;
  cadenceDays?: number;
  /** Got no mentee last round although they had room: gets a small bonus so they are not skipped twice. */
  priority?: boolean;
}

export interface MatchMentee {
  id: string;
  goals: string[];
  languages: string[];
  timezone?: string;
  experienceYears?: number;
  cadenceDays?: number;
  /** Left unmatched or ghosted last round: goes first. */
  priority?: boolean;
}

export interface MatchHistoryEntry {
  mentor: string;
  mentee: string;
  /** Absent = the pairing is active or undated: never re-pair. */
  endedAt?: Date;
}

/** A pair a moderator locked or forced: always kept, takes one of the mentor's slots, bypasses the hard rules. */
export interface ForcedPair {
  mentor: string;
  mentee: string;
}

export interface MatchWeights {
  /** Share of the mentee's goals (weighted by skill rarity) that the mentor offers. */
  goalFit: number;
  /** Shared working hours (08:00–20:00 local) as a share of 12 h. */
  timezoneOverlap: number;
  /** Mentor more experienced than the mentee. */
  experienceGap: number;
  /** Preferred check-in rhythms agree. */
  cadence: number;
  /** Bonus for mentees (and, a little, mentors) left out last round. */
  priority: number;
  /** Penalty per mentee a mentor already holds or is given, so slot k of a mentor costs loadSpread × (load + k). */
  loadSpread: number;
}

/**
 * The positive weights sum to 1, so a base score lies in [0, 1]. Goal fit dominates because it is what
 * mentoring guides agree matters most; priority is large enough to win a contested mentor for someone left
 * out last time, but not to give them a clearly worse fit; loadSpread makes a mentor's 2nd mentee cost 0.05
 * and the 3rd 0.10, so load spreads unless the fit is clearly better.
 */
export const DEFAULT_MATCH_WEIGHTS: Readonly<MatchWeights> = Object.freeze({
  goalFit: 0.45,
  timezoneOverlap: 0.2,
  experienceGap: 0.1,
  cadence: 0.05,
  priority: 0.2,
  loadSpread: 0.05,
});

export interface MatchPool {
  mentors: MatchMentor[];
  mentees: MatchMentee[];
  history: MatchHistoryEntry[];
  /** Never pair these two, in either role or order. */
  blocked: [string, string][];
  /** A past pairing that ended less than this many days before `now` is excluded; 0 = only active/undated. */
  repeatWindowDays: number;
  now: Date;
  weights?: Partial<MatchWeights>;
  forced?: ForcedPair[];
}

export interface MatchPair {
  mentor: string;
  mentee: string;
  /** Base score minus the load-spreading penalty of the slot this pair takes. */
  score: number;
  reasons: string[];
}

export interface Unmatched {
  id: string;
  reason: string;
}

export interface MatchProof {
  optimal: true;
  method: string;
  /**
   * Allowed pairs left out of the first graph. Each was checked against the dual certificate (most in bulk,
   * by a bound); those found improving were added to the graph, the rest proven unable to improve the result.
   */
  prunedEdgesChecked: number;
  /** How many times the solve was repeated after the check found improving pairs outside the graph. */
  resolves: number;
  /** How many pruned pairs were scored again one by one over all checks (the rest were covered by bounds). */
  prunedEdgesRescored?: number;
  /** The candidate list length (K) used for pruning; absent when nothing was pruned. */
  candidatesPerMentee?: number;
}

export interface MatchResult {
  pairs: MatchPair[];
  unmatched: Unmatched[];
  totalScore: number;
  proof: MatchProof;
}

/** Tuning knobs that do not change the answer, only how it is found (tests use them to force pruning). */
export interface MatchOptions {
  /** Keep this many best mentors per mentee before solving (default 32); Infinity disables pruning. */
  candidatesPerMentee?: number;
  /** Also keep this many best mentees per mentor (default 48; 0 = none). */
  candidatesPerMentor?: number;
}
