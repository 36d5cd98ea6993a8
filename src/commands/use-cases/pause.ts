import { DateTime } from 'luxon';
import { fail, ok, type Result } from '../../domain/result';
import type { Command } from '../command';
import { privateReply, type CommandContext, type UseCaseResult } from '../command-context';
import { requireMember } from './require-member';

type PauseLength = Extract<Command, { name: 'pause' }>['until'];

/** The moment a pause ends: a date means the start of that day in the member's own time zone. */
function pauseEnd(until: PauseLength, timezone: string, now: Date): Result<Date | null> {
  if (until === null) return ok(null);
  if ('days' in until) return ok(new Date(now.getTime() + until.days * 24 * 60 * 60 * 1000));
  const day = DateTime.fromISO(until.date, { zone: timezone });
  if (!day.isValid) return fail('invalid_date', `${until.date} is not a real calendar date.`);
  const end = day.startOf('day').toJSDate();
  if (end <= now) return fail('date_past', `${until.date} has already begun; give a later date.`);
  if (end.getTime() - now.getTime() > 366 * 24 * 60 * 60 * 1000) {
    return fail('date_far', 'A pause can last at most a year; use `/mentor leave` to stop for longer.');
  }
  return ok(end);
}

/** Busy season: out of rounds and nudges until the date, or until `resume`. Pairings stay. */
export async function pause(ctx: CommandContext, until: PauseLength): Promise<UseCaseResult> {
  const member = await requireMember(ctx);
  if (!member.ok) return member;
  const end = pauseEnd(until, member.value.timezone, ctx.now);
  if (!end.ok) return end;
  await ctx.tx.saveMember({ ...member.value, status: 'paused', pausedUntil: end.value });
  const when = end.value
    ? `until ${DateTime.fromJSDate(end.value, { zone: member.value.timezone }).toFormat('cccc d LLLL yyyy')}`
    : 'until you say `/mentor resume`';
  return ok(
    privateReply(`Paused ${when}: no new pairings and no check-in nudges meanwhile. Your pairings stay as they are.`),
  );
}

export async function resume(ctx: CommandContext): Promise<UseCaseResult> {
  const member = await requireMember(ctx);
  if (!member.ok) return member;
  if (member.value.status === 'active') return ok(privateReply('You are not paused; nothing to resume.'));
  await ctx.tx.saveMember({ ...member.value, status: 'active', pausedUntil: null });
  return ok(privateReply('Welcome back! You are in the next pairing round again, and check-in nudges resume.'));
}
