import { mention, type PersonId } from '../../domain/ids';
import type { MessageAction } from '../../domain/message';
import { partnerOf, type Pairing } from '../../domain/pairing';
import { tell, type CommandContext } from '../command-context';

/** One-click ratings; a comment can follow with `/mentor feedback ID RATING comment`. */
export function feedbackActions(pairingId: number): MessageAction[] {
  return [1, 2, 3, 4, 5].map((rating) => ({ label: '★'.repeat(rating), command: `feedback ${pairingId} ${rating}` }));
}

export const feedbackPrompt = (pairingId: number): string =>
  `How did it go? Rate it below, or add a few words with \`/mentor feedback ${pairingId} 1-5 your comment\`. Only you and the program's aggregate stats see it.`;

/**
 * Ends a pairing on behalf of `endedBy` and tells the other side politely, with the short feedback prompt.
 * `why` is said to the other side, e.g. "has stepped out of the program".
 */
export async function endPairingPolitely(
  ctx: CommandContext,
  pairing: Pairing,
  endedBy: PersonId,
  reason: string,
  why: string,
): Promise<void> {
  await ctx.tx.endPairing(pairing.id, endedBy, reason, ctx.now);
  const others =
    endedBy === pairing.mentorId || endedBy === pairing.menteeId
      ? [partnerOf(pairing, endedBy)]
      : [pairing.mentorId, pairing.menteeId];
  for (const other of others) {
    const partner = mention(partnerOf(pairing, other));
    await tell(ctx, other, {
      text: `Your pairing with ${partner} has ended: ${why}. Thank you for the time you gave it. ${feedbackPrompt(pairing.id)}`,
      actions: feedbackActions(pairing.id),
    });
  }
}
