import { DateTime } from 'luxon';
import { mention, type PersonId } from '../../domain/ids';
import { mentors, mentees } from '../../domain/member';
import { fail, ok } from '../../domain/result';
import { partnerOf } from '../../domain/pairing';
import { privateReply, type CommandContext, type UseCaseResult } from '../command-context';
import { describeCadence } from '../profile-fields';

/** A profile card. Someone else's shows what they share with the community; your own adds your pairings. */
export async function profile(ctx: CommandContext, subject: PersonId | null): Promise<UseCaseResult> {
  const id = subject ?? ctx.actor.id;
  const own = id === ctx.actor.id;
  const member = await ctx.tx.findMember(ctx.community.id, id);
  if (!member || member.status === 'left') {
    return fail(
      'not_member',
      own
        ? 'You have not joined yet; start with `/mentor join mentor`, `mentee` or `both`.'
        : `${mention(id)} has not joined the program.`,
    );
  }
  const pairings = await ctx.tx.activePairingsOf(ctx.community.id, id);
  const asMentor = pairings.filter((p) => p.mentorId === id);
  const thanks = await ctx.tx.countThanksReceived(ctx.community.id, id);
  const status =
    member.status === 'paused'
      ? `paused${member.pausedUntil ? ` until ${DateTime.fromJSDate(member.pausedUntil, { zone: member.timezone }).toISODate()}` : ''}`
      : 'active';
  const lines = [
    `*${member.displayName}* (${mention(id)}): ${member.role}, ${status}`,
    mentors(member.role) ? `Offers: ${member.skills.join(', ')} · mentees ${asMentor.length}/${member.capacity}` : '',
    mentees(member.role) ? `Wants to learn: ${member.goals.join(', ')}` : '',
    `Time zone: ${member.timezone}${member.languages.length ? ` · languages: ${member.languages.join(', ')}` : ''}`,
    member.experienceYears !== null ? `Experience: ${member.experienceYears} years` : '',
    `Check-ins: ${describeCadence(member.cadenceMinutes)} · thanked ${thanks} time${thanks === 1 ? '' : 's'}`,
    own && pairings.length
      ? `Paired with: ${pairings.map((p) => `${mention(partnerOf(p, id))}${p.mentorId === id ? ' (mentee)' : ' (mentor)'}`).join(', ')}`
      : '',
  ];
  return ok(privateReply(lines.filter(Boolean).join('\n')));
}
