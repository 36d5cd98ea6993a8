import { mention, type PersonId } from '../../domain/ids';
import { fail, ok } from '../../domain/result';
import { privateReply, type CommandContext, type UseCaseResult } from '../command-context';
import { createPairing } from './create-pairing';
import { endPairingPolitely } from './end-pairing';
import { moderatorOnly } from './require-member';

/** A moderator's manual pairing: every rule applies; `force` allows a repeat or a paused member. Audited. */
export async function pair(
  ctx: CommandContext,
  mentorId: PersonId,
  menteeId: PersonId,
  force: boolean,
): Promise<UseCaseResult> {
  const allowed = moderatorOnly(ctx, 'pair');
  if (!allowed.ok) return allowed;
  const pairing = await createPairing(ctx, mentorId, menteeId, 'manual', { force, reasons: ['chosen by a moderator'] });
  if (!pairing.ok) return pairing;
  await ctx.tx.audit(
    ctx.community.id,
    ctx.actor.id,
    'pair',
    { mentorId, menteeId, force, pairingId: pairing.value.id },
    ctx.now,
  );
  return ok(
    privateReply(`Paired ${mention(mentorId)} (mentor) with ${mention(menteeId)} (mentee); both were introduced.`),
  );
}

export async function unpair(ctx: CommandContext, mentorId: PersonId, menteeId: PersonId): Promise<UseCaseResult> {
  const allowed = moderatorOnly(ctx, 'unpair');
  if (!allowed.ok) return allowed;
  const active = (await ctx.tx.pairingsBetween(ctx.community.id, mentorId, menteeId)).find(
    (p) => p.status === 'active',
  );
  if (!active) return fail('not_paired', `${mention(mentorId)} is not mentoring ${mention(menteeId)} right now.`);
  await endPairingPolitely(ctx, active, ctx.actor.id, 'ended by a moderator', 'a moderator closed it');
  await ctx.tx.audit(ctx.community.id, ctx.actor.id, 'unpair', { mentorId, menteeId, pairingId: active.id }, ctx.now);
  return ok(privateReply(`Unpaired ${mention(mentorId)} and ${mention(menteeId)}; both were told.`));
}
