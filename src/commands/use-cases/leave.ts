import { ok } from '../../domain/result';
import { privateReply, type CommandContext, type UseCaseResult } from '../command-context';
import { endPairingPolitely } from './end-pairing';
import { requireMember } from './require-member';

/** Stops participating: the profile stays (rejoining is easy) but every active pairing ends politely. */
export async function leave(ctx: CommandContext): Promise<UseCaseResult> {
  const member = await requireMember(ctx);
  if (!member.ok) return member;
  const pairings = await ctx.tx.activePairingsOf(ctx.community.id, ctx.actor.id);
  for (const pairing of pairings) {
    await endPairingPolitely(
      ctx,
      pairing,
      ctx.actor.id,
      'left the program',
      'your partner has stepped out of the program',
    );
  }
  await ctx.tx.saveMember({ ...member.value, status: 'left', pausedUntil: null });
  const ended = pairings.length
    ? ` Your ${pairings.length} pairing${pairings.length === 1 ? ' has' : 's have'} ended and the other side was told.`
    : '';
  return ok(
    privateReply(
      `You have left the mentoring program.${ended} Come back any time with \`/mentor join\`; \`/mentor forget-me\` deletes your data.`,
    ),
  );
}
