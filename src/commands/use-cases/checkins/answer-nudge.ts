import { mention } from '../../../domain/ids';
import type { NudgeAnswer } from '../../../domain/nudge';
import { partnerOf } from '../../../domain/pairing';
import { deliveryTime } from '../../../domain/quiet-hours';
import { fail, ok } from '../../../domain/result';
import { privateReply, type CommandContext, type UseCaseResult } from '../../command-context';
import { tellModerators } from '../tell-moderators';
import { nudgeMessage } from './nudge-messages';
import { recordCheckin } from './record-checkin';

const SNOOZE_MS = 24 * 60 * 60 * 1000;

/** The buttons on a nudge: We met / Snooze / Skip this one / Need help, and "Still on" after misses. */
export async function answerNudge(ctx: CommandContext, nudgeId: number, answer: NudgeAnswer): Promise<UseCaseResult> {
  const nudge = await ctx.tx.lockNudge(nudgeId);
  const pairing = nudge ? await ctx.tx.findPairing(ctx.community.id, nudge.pairingId) : null;
  if (!nudge || !pairing || (pairing.mentorId !== ctx.actor.id && pairing.menteeId !== ctx.actor.id)) {
    return fail('no_nudge', 'That check-in reminder is not one of yours.');
  }
  if (pairing.status !== 'active')
    return fail('pairing_ended', 'That pairing has ended, so there is nothing to answer.');
  const partner = mention(partnerOf(pairing, ctx.actor.id));
  if (answer === 'still-on') {
    await ctx.tx.clearMissedCheckins(pairing.id);
    return ok(privateReply(`Glad to hear it! The next check-in reminder with ${partner} comes as usual.`));
  }
  if (answer === 'help') {
    const told = await tellModerators(ctx, {
      text: `🙋 ${mention(ctx.actor.id)} asked for help with their pairing with ${partner}.`,
    });
    await ctx.tx.audit(ctx.community.id, ctx.actor.id, 'asked for help', { pairingId: pairing.id }, ctx.now);
    return told > 0
      ? ok(privateReply('A moderator has been told and will reach out to you.'))
      : fail(
          'no_moderators',
          'No moderators are set up to receive requests here yet; please ask in the community channel.',
        );
  }
  if (nudge.status !== 'sent') {
    const said = {
      met: 'logged as met',
      skipped: 'skipped',
      missed: 'counted as missed',
      cancelled: 'cancelled',
      scheduled: 'not sent yet',
      sent: '',
    }[nudge.status];
    return fail('answered', `This check-in was already ${said}.`);
  }
  if (answer === 'met') {
    await recordCheckin(ctx, pairing, ctx.actor.id, '');
    return ok(privateReply(`Check-in logged with ${partner}. 🙌`));
  }
  if (answer === 'skip') {
    await ctx.tx.markNudge(nudge.id, 'skipped', ctx.now, ctx.actor.id);
    return ok(privateReply('Skipped; it does not count as missed. See you at the next one.'));
  }
  const member = await ctx.tx.findMember(ctx.community.id, ctx.actor.id);
  const later = new Date(ctx.now.getTime() + SNOOZE_MS);
  const when = member ? deliveryTime(later, member.timezone, ctx.community.settings.quietHours) : later;
  await ctx.tx.queueMessage(ctx.community.id, ctx.actor.id, nudgeMessage(nudge, pairing, ctx.actor.id), ctx.now, when);
  return ok(privateReply('Snoozed: I will remind you again tomorrow, in your working hours.'));
}
