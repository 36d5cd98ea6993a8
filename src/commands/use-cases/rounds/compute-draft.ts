import type { PersonId } from '../../../domain/ids';
import type { RoundDraft } from '../../../domain/round';
import { matchPool } from '../../../matching/match-pool';
import type { ForcedPair } from '../../../matching/types';
import type { CommandContext } from '../../command-context';
import { buildMatchPool } from './build-match-pool';

const pairKey = (mentor: PersonId, mentee: PersonId): string => `${mentor}\u0000${mentee}`;

/**
 * Runs the matcher over the whole pool, keeping the moderator's locked pairs and leaving excluded people out.
 * Locks on people who are no longer available are dropped (the matcher ignores them).
 */
export async function computeDraft(
  ctx: CommandContext,
  locks: ForcedPair[],
  excluded: PersonId[],
): Promise<RoundDraft> {
  const { pool } = await buildMatchPool(ctx, excluded);
  const result = matchPool({ ...pool, forced: locks });
  const locked = new Set(locks.map((l) => pairKey(l.mentor, l.mentee)));
  return {
    pairs: result.pairs.map((p) => ({ ...p, locked: locked.has(pairKey(p.mentor, p.mentee)) })),
    unmatched: result.unmatched,
    excluded,
    totalScore: result.totalScore,
    proof: `proven optimal by ${result.proof.method}; ${result.proof.prunedEdgesChecked} pruned pairs checked, ${result.proof.resolves} re-solves`,
  };
}

export const lockedPairs = (draft: RoundDraft): ForcedPair[] =>
  draft.pairs.filter((p) => p.locked).map((p) => ({ mentor: p.mentor, mentee: p.mentee }));
