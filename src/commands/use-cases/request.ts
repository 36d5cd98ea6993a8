import { mention, type PersonId } from '../../domain/ids';
import { isAvailable, mentees, mentors } from '../../domain/member';
import { fail, ok } from '../../domain/result';
import { privateReply, tell, type CommandContext, type UseCaseResult } from '../command-context';
import { createPairing } from './create-pairing';
import { requireMember } from './require-member';

/** A mentee asks a mentor directly; the mentor gets Accept / Decline. Capacity is checked again on accept. */
export async function request(ctx: CommandContext, mentorId: PersonId): Promise<UseCaseResult> {
  const me = await requireMember(ctx);
  if (!me.ok) return me;
  if (!mentees(me.value.role)) return fail('not_mentee', 'Only mentees can ask for a mentor; you joined as a mentor.');
  if (mentorId === ctx.actor.id) return fail('same_person', 'You cannot mentor yourself.');
  const mentor = await ctx.tx.findMember(ctx.community.id, mentorId);
  if (!mentor || mentor.status === 'left' || !mentors(mentor.role)) {
    return fail(
      'not_mentor',
      `${mention(mentorId)} is not a mentor in this program; \`/mentor suggest\` shows who is.`,
    );
  }
  if (!isAvailable(mentor, ctx.now))
    return fail('paused', `${mention(mentorId)} is taking a break right now; try \`/mentor suggest\`.`);
  if (await ctx.tx.isBlockedEitherWay(ctx.community.id, mentorId, ctx.actor.id)) {
    return fail('not_allowed', `You cannot ask ${mention(mentorId)}; \`/mentor suggest\` shows mentors you can ask.`);
  }
  const held = (await ctx.tx.activePairingsOf(ctx.community.id, mentorId)).filter((p) => p.mentorId === mentorId);
  if (held.some((p) => p.menteeId === ctx.actor.id))
    return fail('already_paired', `${mention(mentorId)} is already your mentor.`);
  if (held.length >= mentor.capacity) {
    return fail('mentor_full', `${mention(mentorId)} has no room right now; \`/mentor suggest\` shows mentors who do.`);
  }
  const asked = await ctx.tx.createRequest(ctx.community.id, ctx.actor.id, mentorId, ctx.now);
  if (!asked) return fail('already_asked', `You already asked ${mention(mentorId)}; they have not answered yet.`);
  await tell(ctx, mentorId, {
    text: `${mention(ctx.actor.id)} would like you as their mentor. They want to learn: ${me.value.goals.join(', ')} (time zone ${me.value.timezone}).`,
    actions: [
      { label: 'Accept', command: `request accept ${asked.id}`, style: 'primary' },
      { label: 'Decline', command: `request decline ${asked.id}` },
    ],
  });
  return ok(privateReply(`Asked ${mention(mentorId)}; I will tell you when they answer.`));
}

export async function requestDecision(ctx: CommandContext, requestId: number, accept: boolean): Promise<UseCaseResult> {
  const found = await ctx.tx.lockRequest(ctx.community.id, requestId);
  if (!found || found.mentorId !== ctx.actor.id)
    return fail('no_request', `Request ${requestId} is not addressed to you.`);
  if (found.status !== 'pending') return fail('decided', `You already answered this request (${found.status}).`);
  if (!accept) {
    await ctx.tx.decideRequest(found.id, 'declined', ctx.now);
    await tell(ctx, found.menteeId, {
      text: `${mention(ctx.actor.id)} cannot take you on right now. \`/mentor suggest\` shows other mentors, and you are in the next round.`,
    });
    return ok(privateReply(`Declined; ${mention(found.menteeId)} was told kindly.`));
  }
  const pairing = await createPairing(ctx, ctx.actor.id, found.menteeId, 'request', {
    reasons: ['the mentee asked for you'],
  });
  if (!pairing.ok) return pairing;
  await ctx.tx.decideRequest(found.id, 'accepted', ctx.now);
  return ok(privateReply(`Accepted: you now mentor ${mention(found.menteeId)}; the intro is in your messages.`));
}
