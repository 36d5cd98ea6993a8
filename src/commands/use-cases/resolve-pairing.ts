import { mention, type PersonId } from '../../domain/ids';
import { partnerOf, type Pairing } from '../../domain/pairing';
import { fail, ok, type Result } from '../../domain/result';
import type { CommandContext } from '../command-context';

/**
 * The pairing a member means: the one with `partner` when named, else their only active one. A mentor with
 * several mentees must say which, and is told how.
 */
export async function resolvePairing(
  ctx: CommandContext,
  partner: PersonId | null,
  exampleCommand: string,
): Promise<Result<Pairing>> {
  const pairings = await ctx.tx.activePairingsOf(ctx.community.id, ctx.actor.id);
  if (partner) {
    const pairing = pairings.find((p) => partnerOf(p, ctx.actor.id) === partner);
    return pairing ? ok(pairing) : fail('not_paired', `You are not paired with ${mention(partner)} right now.`);
  }
  if (pairings.length === 1) return ok(pairings[0]!);
  if (pairings.length === 0) {
    const member = await ctx.tx.findMember(ctx.community.id, ctx.actor.id);
    if (!member || member.status === 'left') {
      return fail('not_member', 'You have not joined yet; start with `/mentor join mentor`, `mentee` or `both`.');
    }
    return fail('no_pairing', 'You have no active pairing yet; you will be matched in the next pairing round.');
  }
  const partners = pairings.map((p) => mention(partnerOf(p, ctx.actor.id)));
  return fail(
    'which_pairing',
    `You have ${pairings.length} active pairings (${partners.join(', ')}); name one, for example \`/mentor ${exampleCommand.replace('@partner', partners[0]!)}\`.`,
  );
}
