import { plural } from '../../domain/plural';
import { ok } from '../../domain/result';
import { privateReply, type CommandContext, type UseCaseResult } from '../command-context';
import { endPairingPolitely } from './end-pairing';

/**
 * Deletes everything stored about the person, after an explicit confirmation. Active pairings end first, so
 * the other side is told before the person's id disappears.
 */
export async function forgetMe(ctx: CommandContext, confirmed: boolean): Promise<UseCaseResult> {
  if (!confirmed) {
    return ok(
      privateReply(
        'This deletes your profile, your check-in notes, goals you wrote, your feedback and thanks, and ends your pairings. It cannot be undone. To go ahead, type `/mentor forget-me confirm`.',
        { actions: [{ label: 'Yes, delete everything', command: 'forget-me confirm', style: 'danger' }] },
      ),
    );
  }
  const pairings = await ctx.tx.activePairingsOf(ctx.community.id, ctx.actor.id);
  for (const pairing of pairings) {
    await endPairingPolitely(ctx, pairing, ctx.actor.id, 'left the program', 'your partner has left the program');
  }
  const report = await ctx.tx.forgetPerson(ctx.community.id, ctx.actor.id, `forgotten:${ctx.newId()}`, ctx.eventId);
  const kept = report.pairingsAnonymised
    ? ` ${plural(report.pairingsAnonymised, 'past pairing')} ${report.pairingsAnonymised === 1 ? 'stays' : 'stay'} in your partners' history under an anonymous id.`
    : '';
  return ok(privateReply(`Done: I deleted everything I stored about you.${kept} You can join again any time.`));
}
