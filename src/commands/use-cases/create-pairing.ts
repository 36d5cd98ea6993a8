import { mention, type PersonId } from '../../domain/ids';
import { isAvailable, mentees, mentors, type Member } from '../../domain/member';
import type { Pairing, PairingSource } from '../../domain/pairing';
import { fail, ok, type Result } from '../../domain/result';
import { describeCadence } from '../profile-fields';
import { scheduleNextCheckin, type CommandContext } from '../command-context';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Every rule a new pairing must pass, checked while both members are locked, so capacity and the mentee's
 * pairing limit hold even when requests arrive together. `force` (moderators only) allows a repeat pairing
 * and a paused member; it never overrides capacity or a block.
 */
async function checkPairing(
  ctx: CommandContext,
  mentor: Member | null,
  mentee: Member | null,
  mentorId: PersonId,
  menteeId: PersonId,
  force: boolean,
): Promise<Result<true>> {
  const { tx, community } = ctx;
  if (mentorId === menteeId) return fail('same_person', 'A person cannot mentor themselves.');
  if (!mentor || mentor.status === 'left')
    return fail('not_member', `${mention(mentorId)} has not joined the program.`);
  if (!mentee || mentee.status === 'left')
    return fail('not_member', `${mention(menteeId)} has not joined the program.`);
  if (!mentors(mentor.role)) return fail('not_mentor', `${mention(mentorId)} joined as a mentee, not a mentor.`);
  if (!mentees(mentee.role)) return fail('not_mentee', `${mention(menteeId)} joined as a mentor, not a mentee.`);
  for (const member of [mentor, mentee]) {
    if (!force && !isAvailable(member, ctx.now)) {
      return fail('paused', `${mention(member.id)} is paused; add "force" to pair them anyway.`);
    }
  }
  if (await tx.isBlockedEitherWay(community.id, mentorId, menteeId)) {
    return fail('blocked', 'These two cannot be paired: one of them has privately asked not to be.');
  }
  const history = await tx.pairingsBetween(community.id, mentorId, menteeId);
  if (history.some((p) => p.status === 'active')) return fail('already_paired', 'These two are already paired.');
  const windowStart = ctx.now.getTime() - community.settings.repeatWindowDays * DAY_MS;
  if (!force && history.some((p) => (p.endedAt?.getTime() ?? Infinity) > windowStart)) {
    return fail('paired_before', 'These two were paired before; add "force" to pair them again.');
  }
  const mentorLoad = (await tx.activePairingsOf(community.id, mentorId)).filter((p) => p.mentorId === mentorId);
  if (mentorLoad.length >= mentor.capacity) {
    return fail('mentor_full', `${mention(mentorId)} already has ${mentorLoad.length} of ${mentor.capacity} mentees.`);
  }
  const menteeLoad = (await tx.activePairingsOf(community.id, menteeId)).filter((p) => p.menteeId === menteeId);
  if (menteeLoad.length >= community.settings.menteePairings) {
    return fail('mentee_taken', `${mention(menteeId)} already has a mentor.`);
  }
  return ok(true);
}

/** Creates a pairing that passes every rule and queues the intro with the agreement prompt to both. */
export async function createPairing(
  ctx: CommandContext,
  mentorId: PersonId,
  menteeId: PersonId,
  source: PairingSource,
  options: { force?: boolean; reasons?: string[]; roundId?: number } = {},
): Promise<Result<Pairing>> {
  const { tx, community } = ctx;
  await tx.lockMembers(community.id, [mentorId, menteeId]);
  const mentor = await tx.findMember(community.id, mentorId);
  const mentee = await tx.findMember(community.id, menteeId);
  const allowed = await checkPairing(ctx, mentor, mentee, mentorId, menteeId, options.force ?? false);
  if (!allowed.ok) return allowed;
  const cadenceMinutes = mentee!.cadenceMinutes || community.settings.cadenceMinutes;
  const pairing = await tx.createPairing({
    communityId: community.id,
    mentorId,
    menteeId,
    source,
    cadenceMinutes,
    startedAt: ctx.now,
    ...(options.roundId !== undefined && { roundId: options.roundId }),
  });
  await tx.queueMessage(community.id, mentorId, introMessage(pairing, mentee!, options.reasons ?? []), ctx.now);
  await scheduleNextCheckin(ctx, pairing.id, new Date(ctx.now.getTime() + cadenceMinutes * 60_000));
  return ok(pairing);
}

function introMessage(pairing: Pairing, mentee: Member, reasons: string[]) {
  const goals = mentee.goals.length ? mentee.goals.join(', ') : 'to be agreed';
  const lines = [
    `👋 ${mention(pairing.mentorId)}, meet your mentee ${mention(pairing.menteeId)}!`,
    ...(reasons.length ? [`Why you two: ${reasons.join('; ')}.`] : []),
    `Before you start, agree on:`,
    `• how often to meet (suggested: ${describeCadence(pairing.cadenceMinutes)}) and how (call, chat, async notes);`,
    `• the goals (${goals}): add them with \`/mentor goal add ...\`;`,
    `• confidentiality: what you discuss stays between you two.`,
    `Log each check-in with \`/mentor checkin\`. If it is not working, \`/mentor end\` closes it kindly.`,
  ];
  return {
    kind: 'intro' as const,
    text: lines.join('\n'),
    participants: [pairing.mentorId, pairing.menteeId],
  };
}
