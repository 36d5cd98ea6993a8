import { mentors, mentees, type Member, type Role } from '../../domain/member';
import { fail, ok, type Result } from '../../domain/result';
import type { ProfileFields } from '../command';
import { privateReply, type CommandContext, type UseCaseResult } from '../command-context';
import { describeCadence } from '../profile-fields';

const EXAMPLE = '`/mentor join mentee goals: pricing, finding clients tz: America/New_York languages: en`';

/** Role-specific completeness, shared by `join` and `edit`. */
export function checkProfile(member: Member): Result<Member> {
  if (mentors(member.role) && member.skills.length === 0) {
    return fail('missing_skills', 'Mentors need skills: add them, for example skills: pricing, contracts.');
  }
  if (mentees(member.role) && member.goals.length === 0) {
    return fail('missing_goals', 'Mentees need goals: add them, for example goals: pricing, finding clients.');
  }
  if (!mentors(member.role) && member.capacity > 0) {
    return fail('capacity_for_mentors', 'Capacity is for mentors; leave it out when joining as a mentee.');
  }
  if (mentors(member.role) && member.capacity < 1) {
    return fail('capacity_zero', 'A mentor takes at least 1 mentee; use `/mentor pause` to take a break instead.');
  }
  return ok(member);
}

export function applyProfile(member: Member, fields: ProfileFields): Member {
  return {
    ...member,
    ...(fields.displayName !== undefined && { displayName: fields.displayName }),
    ...(fields.skills !== undefined && { skills: fields.skills }),
    ...(fields.goals !== undefined && { goals: fields.goals }),
    ...(fields.timezone !== undefined && { timezone: fields.timezone }),
    ...(fields.languages !== undefined && { languages: fields.languages }),
    ...(fields.capacity !== undefined && { capacity: fields.capacity }),
    ...(fields.cadenceMinutes !== undefined && { cadenceMinutes: fields.cadenceMinutes }),
    ...(fields.experienceYears !== undefined && { experienceYears: fields.experienceYears }),
  };
}

export async function join(ctx: CommandContext, role: Role | null, fields: ProfileFields): Promise<UseCaseResult> {
  if (!role)
    return fail('missing_role', `Say how you want to take part: mentor, mentee or both, for example ${EXAMPLE}.`);
  const existing = await ctx.tx.findMember(ctx.community.id, ctx.actor.id);
  if (existing && existing.status !== 'left') {
    return fail(
      'already_joined',
      `You have already joined as ${existing.role}; use \`/mentor edit\` to change your profile.`,
    );
  }
  if (!fields.timezone)
    return fail(
      'missing_timezone',
      `Give your time zone so nudges reach you in working hours, for example ${EXAMPLE}.`,
    );
  const { settings } = ctx.community;
  const fresh: Member = {
    communityId: ctx.community.id,
    id: ctx.actor.id,
    displayName: ctx.actor.displayName,
    role,
    skills: [],
    goals: [],
    timezone: fields.timezone,
    languages: [],
    capacity: mentors(role) ? settings.defaultCapacity : 0,
    cadenceMinutes: settings.cadenceMinutes,
    experienceYears: null,
    status: 'active',
    pausedUntil: null,
    // Someone returning after `leave` keeps their place in the queue they had.
    priority: existing?.priority ?? false,
    joinedAt: existing?.joinedAt ?? ctx.now,
  };
  const checked = checkProfile(applyProfile(fresh, fields));
  if (!checked.ok) return checked;
  await ctx.tx.saveMember(checked.value);
  const member = checked.value;
  const lines = [
    `Welcome, ${member.displayName}! You joined as ${role === 'both' ? 'a mentor and a mentee' : `a ${role}`}.`,
    mentors(role) ? `You can take up to ${member.capacity} mentee${member.capacity === 1 ? '' : 's'}.` : '',
    `Check-ins: ${describeCadence(member.cadenceMinutes)}. You will be included in the next pairing round; \`/mentor profile\` shows what I know about you.`,
    settings.welcome,
  ];
  return ok(privateReply(lines.filter(Boolean).join(' ')));
}
