/** The matching engine's public surface: pure functions, no I/O. */
export { DEFAULT_MATCH_WEIGHTS } from './types';
export type {
  ForcedPair,
  MatchHistoryEntry,
  MatchMentee,
  MatchMentor,
  MatchOptions,
  MatchPair,
  MatchPool,
  MatchProof,
  MatchResult,
  MatchWeights,
  Unmatched,
} from './types';
export { matchPool } from './match-pool';
export { matchScoreTable, type ScoreTable } from './match-score-table';
export { suggestMentors } from './suggest-mentors';
export { solveDenseAssignment, type DenseAssignment } from './solve-dense-assignment';
export { parseMatchInput } from './offline/parse-match-input';
export { runMatchInput } from './offline/run-match-input';
export { formatMatchOutput } from './offline/format-match-output';
export type { MatchFileFormat, ParsedMatchInput } from './offline/parsed-match-input';
