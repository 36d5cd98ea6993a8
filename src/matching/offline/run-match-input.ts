import { matchPool } from '../match-pool';
import { matchScoreTable } from '../match-score-table';
import type { MatchResult } from '../types';
import type { ParsedMatchInput } from './parsed-match-input';

/** Runs a parsed signup file: profiles through the round engine (at `now`), a score table as given. */
export function runMatchInput(parsed: ParsedMatchInput, now: Date): MatchResult {
  return parsed.kind === 'profiles' ? matchPool({ ...parsed.pool, now }) : matchScoreTable(parsed.table);
}
