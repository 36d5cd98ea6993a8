import { isAvailable } from '../../../domain/member';
import { deliveryTime } from '../../../domain/quiet-hours';
import { ok, type Result } from '../../../domain/result';
import type { Pairing } from '../../../domain/pairing';
import { scheduleNextCheckin, type CommandContext } from '../../command-context';
import { tellModerators } from '../tell-moderators';
import { atRiskMessage, nudgeMessage, stillOnMessage } from './nudge-messages';

export type NudgeOutcome = 'sent' | 'stale' | 'postponed' | 'ended';

const MINUTE = 60_000;

/**
 * A nudge's timer fired. Claims the nudge row first (locked, and only while still scheduled in the same
 * generation), so a timer firing twice, or a worker retried after a crash, sends it once. The previous
 * unanswered nudge counts as missed; enough misses ask "still on?", more flag the pairing at risk.
 * Each recipient gets it in their own working hours (the message waits in the outbox until then).
 */
export async function deliverNudge(
  ctx: CommandContext,
  nudgeId: number,
  generation: number,
): Promise<Result<NudgeOutcome>> {
  const { tx, community, now } = ctx;
  const nudge = await tx.lockNudge(nudgeId);
  if (!nudge || nudge.status !== 'scheduled' || nudge.generation !== generation) return ok('stale');
  const pairing = await tx.findPairing(nudge.communityId, nudge.pairingId);
  if (!pairing || pairing.status !== 'active') {
    await tx.markNudge(nudge.id, 'cancelled', now);
    return ok('ended');
  }
  const mentor = await tx.findMember(community.id, pairing.mentorId);
  const mentee = await tx.findMember(community.id, pairing.menteeId);
  const paused = [mentor, mentee].find((m) => m && !isAvailable(m, now));
  if (paused) {
    // Busy season: nobody is chased while paused; the check-in waits for the pause to end.
    const resume = paused.pausedUntil ?? new Date(now.getTime() + pairing.cadenceMinutes * MINUTE);
    await scheduleNextCheckin(ctx, pairing.id, resume);
    return ok('postponed');
  }
  const missed = await countMiss(ctx, pairing);
  const recipients = [mentor, ...(community.settings.nudgeMentee ? [mentee] : [])].filter((m) => m !== null);
  for (const member of recipients) {
    const message =
      missed >= community.settings.missesBeforeAsk
        ? stillOnMessage(nudge, pairing, member.id, missed)
        : nudgeMessage(nudge, pairing, member.id);
    const when = deliveryTime(now, member.timezone, community.settings.quietHours);
    await tx.queueMessage(community.id, member.id, message, now, when > now ? when : undefined);
  }
  await tx.markNudge(nudge.id, 'sent', now);
  await scheduleNextCheckin(ctx, pairing.id, new Date(nudge.dueAt.getTime() + pairing.cadenceMinutes * MINUTE));
  return ok('sent');
}

/** Closes the previous nudge if nobody answered it, and flags the pairing once misses reach the limit. */
async function countMiss(ctx: CommandContext, pairing: Pairing): Promise<number> {
  const open = await ctx.tx.openNudge(pairing.id);
  if (!open) return pairing.missedCheckins;
  await ctx.tx.markNudge(open.id, 'missed', ctx.now);
  const missed = await ctx.tx.addMissedCheckin(pairing.id);
  if (missed >= ctx.community.settings.missesBeforeAtRisk && !pairing.atRisk) {
    await ctx.tx.setAtRisk(pairing.id);
    await tellModerators(ctx, atRiskMessage(pairing, missed));
    await ctx.tx.audit(ctx.community.id, ctx.actor.id, 'pairing at risk', { pairingId: pairing.id, missed }, ctx.now);
  }
  return missed;
}
