import { describeMinutes } from '../../../domain/duration';
import { mention, type PersonId } from '../../../domain/ids';
import { partnerOf } from '../../../domain/pairing';
import { ok } from '../../../domain/result';
import { privateReply, tell, type CommandContext, type UseCaseResult } from '../../command-context';
import { resolvePairing } from '../resolve-pairing';
import { recordCheckin } from './record-checkin';

/** Logs that the pair met. The note is private to the pair: only the partner is shown it. */
export async function checkin(ctx: CommandContext, partner: PersonId | null, note: string): Promise<UseCaseResult> {
  const pairing = await resolvePairing(ctx, partner, 'checkin @partner met for coffee');
  if (!pairing.ok) return pairing;
  await recordCheckin(ctx, pairing.value, ctx.actor.id, note);
  const other = partnerOf(pairing.value, ctx.actor.id);
  await tell(ctx, other, {
    text: `${mention(ctx.actor.id)} logged a check-in for your pairing${note ? `: “${note}”` : '.'}`,
  });
  return ok(
    privateReply(
      `Check-in logged for your pairing with ${mention(other)}. Next one in about ${describeMinutes(pairing.value.cadenceMinutes)}.`,
    ),
  );
}
