import { mention, type PersonId } from '../../domain/ids';
import { partnerOf } from '../../domain/pairing';
import { fail, ok } from '../../domain/result';
import { privateReply, type CommandContext, type UseCaseResult } from '../command-context';
import { endPairingPolitely, feedbackActions, feedbackPrompt } from './end-pairing';
import { resolvePairing } from './resolve-pairing';

/** Ends my pairing; both sides get the short feedback prompt. */
export async function end(ctx: CommandContext, partner: PersonId | null, reason: string): Promise<UseCaseResult> {
  const pairing = await resolvePairing(ctx, partner, 'end @partner reason');
  if (!pairing.ok) return pairing;
  await endPairingPolitely(ctx, pairing.value, ctx.actor.id, reason, 'your partner closed it');
  const other = mention(partnerOf(pairing.value, ctx.actor.id));
  return ok(
    privateReply(`Your pairing with ${other} has ended and they were told. ${feedbackPrompt(pairing.value.id)}`, {
      actions: feedbackActions(pairing.value.id),
    }),
  );
}

/** Feedback stays private: moderators see only the average rating. */
export async function feedback(
  ctx: CommandContext,
  pairingId: number,
  rating: number | null,
  text: string,
): Promise<UseCaseResult> {
  const pairing = await ctx.tx.findPairing(ctx.community.id, pairingId);
  if (!pairing || (pairing.mentorId !== ctx.actor.id && pairing.menteeId !== ctx.actor.id)) {
    return fail('no_pairing', `Pairing ${pairingId} is not one of yours; use the number from your feedback message.`);
  }
  if (pairing.status === 'active') {
    return fail('still_active', 'Feedback is for pairings that have ended; `/mentor end` closes this one first.');
  }
  const saved = await ctx.tx.addFeedback(pairingId, ctx.actor.id, rating, text, ctx.now);
  if (!saved) return fail('feedback_given', 'You already gave feedback on this pairing; thank you!');
  return ok(privateReply('Thank you for the feedback; it helps make the next pairings better.'));
}
