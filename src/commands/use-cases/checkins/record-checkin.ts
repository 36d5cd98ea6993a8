import type { PersonId } from '../../../domain/ids';
import type { Pairing } from '../../../domain/pairing';
import { scheduleNextCheckin, type CommandContext } from '../../command-context';

/**
 * A check-in happened (typed or one click on a nudge): log it, close the open nudge, clear misses and the
 * at-risk flag, and move the next nudge to one cadence from now.
 */
export async function recordCheckin(ctx: CommandContext, pairing: Pairing, by: PersonId, note: string): Promise<void> {
  ctx.countAfterCommit('checkinLogged');
  await ctx.tx.addCheckIn(pairing.id, by, note, ctx.now);
  const open = await ctx.tx.openNudge(pairing.id);
  if (open) await ctx.tx.markNudge(open.id, 'met', ctx.now, by);
  await ctx.tx.clearMissedCheckins(pairing.id);
  await scheduleNextCheckin(ctx, pairing.id, new Date(ctx.now.getTime() + pairing.cadenceMinutes * 60_000));
}
