import type { ScoreTable } from '../match-score-table';
import type { MatchPool } from '../types';

export type MatchFileFormat = 'json' | 'csv';

/** What a signup file describes: people with profiles (scored by the engine) or an explicit score table. */
export type ParsedMatchInput =
  { kind: 'profiles'; pool: Omit<MatchPool, 'now'> } | { kind: 'table'; table: ScoreTable };
