import { mentees, mentors } from '../../domain/member';
import { ok } from '../../domain/result';
import { privateReply, type CommandContext, type UseCaseResult } from '../command-context';

const MEMBER_HELP = [
  '*Getting started*',
  '`join mentor|mentee|both skills: ... goals: ... tz: Area/City languages: en, es capacity: 2 cadence: weekly`',
  '`home` · `profile [@someone]` · `edit skills: ...` · `pause [until YYYY-MM-DD | for N days]` · `resume` · `leave` · `forget-me`',
  '*With your pair*',
  '`checkin [@partner] [note]` · `goal add TEXT` · `goal done N` · `goals` · `thanks @someone MESSAGE` · `end [@partner] [reason]` · `block @someone`',
];
const MENTEE_HELP = ['*Finding a mentor*', '`suggest` · `request @mentor`; or wait for the next pairing round'];
const MENTOR_HELP = [
  '*As a mentor*',
  'You are nudged in your working hours when a check-in is due; one click logs it.',
];
const MODERATOR_HELP = [
  '*Moderators*',
  '`round preview` · `round swap @mentee @other-mentee` · `round lock @mentor @mentee` · `round unlock @mentee` · `round exclude @someone` · `round include @someone` · `round publish` · `round cancel` · `round status` · `round schedule CRON|off`',
  '`pair @mentor @mentee [force]` · `unpair @mentor @mentee` · `stats` · `export` · `config [KEY VALUE]`',
];

/** What I can do, for this person's role. */
export async function help(ctx: CommandContext): Promise<UseCaseResult> {
  const member = await ctx.tx.findMember(ctx.community.id, ctx.actor.id);
  const lines = [
    'I run this community’s mentoring program. Type `/mentor` followed by:',
    ...MEMBER_HELP,
    ...(!member || mentees(member.role) ? MENTEE_HELP : []),
    ...(member && mentors(member.role) ? MENTOR_HELP : []),
    ...(ctx.isModerator ? MODERATOR_HELP : []),
  ];
  return ok(privateReply(lines.join('\n')));
}
