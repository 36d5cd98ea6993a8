import {
  hasAny,
  int,
  keyed,
  str,
  user,
  words,
  type GroupSpec,
  type OptionSpec,
  type OptionValues,
  type SubcommandSpec,
} from './subcommand-spec';

const PROFILE_OPTIONS: OptionSpec[] = [
  str('skills', 'Skills you offer as a mentor, comma-separated', { autocomplete: 'skills', maxLength: 1000 }),
  str('goals', 'What you want to learn as a mentee, comma-separated', { autocomplete: 'skills', maxLength: 1000 }),
  str('timezone', 'Your time zone, e.g. Europe/Berlin', { autocomplete: 'timezone', maxLength: 60 }),
  str('languages', 'Languages you speak, comma-separated (en, es)', { maxLength: 200 }),
  int('capacity', 'How many mentees you can take (mentors)', 0, 20),
  str('cadence', 'How often to check in: weekly, every 2 weeks, monthly', { maxLength: 40 }),
  int('experience', 'Years of experience in your field', 0, 80),
];

/** The core's profile keys (see profile-fields.ts) for the profile options. */
const profileText = (o: OptionValues): string =>
  keyed([
    ['skills', o['skills'] as string | undefined],
    ['goals', o['goals'] as string | undefined],
    ['tz', o['timezone'] as string | undefined],
    ['languages', o['languages'] as string | undefined],
    ['capacity', o['capacity'] as number | undefined],
    ['cadence', o['cadence'] as string | undefined],
    ['experience', o['experience'] as number | undefined],
    ['name', o['name'] as string | undefined],
  ]);

const partner = user('partner', 'Which pairing, when you have several', false);

/** Member commands of PRODUCT.md, as `/mentor <name>` subcommands. */
export const MEMBER_SUBCOMMANDS: SubcommandSpec[] = [
  { name: 'help', description: 'What I can do for you', text: () => 'help' },
  {
    name: 'home',
    description: 'Your overview: pairings, check-ins, goals (moderators: the draft round)',
    text: () => 'home',
  },
  {
    name: 'join',
    description: 'Join as mentor, mentee or both (without a role a form opens)',
    options: [
      { name: 'role', description: 'How you take part', kind: 'string', choices: ['mentor', 'mentee', 'both'] },
      ...PROFILE_OPTIONS,
    ],
    text: (o) => words('join', o['role'] as string | undefined, profileText(o)),
    // Without a role the form asks for it, prefilled with whatever was given.
    form: (o) => (o['role'] === undefined ? 'join' : null),
  },
  {
    name: 'profile',
    description: "See your profile or someone else's",
    options: [user('person', 'Whose profile (default: yours)', false)],
    text: (o) => words('profile', o['person'] as string | undefined),
  },
  {
    name: 'edit',
    description: 'Change your profile (without options a form opens)',
    options: [...PROFILE_OPTIONS, str('name', 'The name shown to others', { maxLength: 80 })],
    text: (o) => words('edit', profileText(o)),
    form: (o) => (hasAny(o) ? null : 'edit'),
  },
  {
    name: 'pause',
    description: 'Step out of rounds and nudges for a while',
    options: [
      str('until', 'Until this date (YYYY-MM-DD)', { maxLength: 10 }),
      int('days', 'For this many days', 1, 365),
    ],
    text: (o) =>
      o['until'] !== undefined
        ? words('pause until', o['until'] as string)
        : o['days'] !== undefined
          ? words('pause for', o['days'] as number, 'days')
          : 'pause',
  },
  { name: 'resume', description: 'Take part again after a pause', text: () => 'resume' },
  { name: 'leave', description: 'Stop participating; your pairings end politely', text: () => 'leave' },
  {
    name: 'forget-me',
    description: 'Delete everything stored about you (asks for confirmation)',
    options: [{ name: 'confirm', description: 'Yes, delete everything now', kind: 'boolean' }],
    text: (o) => words('forget-me', o['confirm'] === true && 'confirm'),
  },
  { name: 'suggest', description: 'Your best possible mentors right now, with reasons', text: () => 'suggest' },
  {
    name: 'request',
    description: 'Ask a mentor directly',
    options: [user('mentor', 'The mentor to ask')],
    text: (o) => words('request', o['mentor'] as string),
  },
  {
    name: 'checkin',
    description: 'Log a check-in for your pairing (without options a form opens)',
    options: [partner, str('note', 'A note, private to your pair', { maxLength: 2000 })],
    text: (o) => words('checkin', o['partner'] as string | undefined, o['note'] as string | undefined),
    form: (o) => (hasAny(o) ? null : 'checkin'),
  },
  {
    name: 'goals',
    description: "Your pairing's goals",
    options: [partner],
    text: (o) => words('goals', o['partner'] as string | undefined),
  },
  {
    name: 'thanks',
    description: 'Thank someone; it is counted on their profile',
    options: [user('person', 'Who to thank'), str('message', 'What for', { required: true, maxLength: 500 })],
    text: (o) => words('thanks', o['person'] as string, o['message'] as string),
  },
  {
    name: 'end',
    description: 'End your pairing (without options a form opens)',
    options: [partner, str('reason', 'Why (your partner sees it)', { maxLength: 500 })],
    text: (o) => words('end', o['partner'] as string | undefined, o['reason'] as string | undefined),
    form: (o) => (hasAny(o) ? null : 'end'),
  },
  {
    name: 'feedback',
    description: 'Feedback on a pairing (without a rating or comment a form opens)',
    options: [
      int('pairing', 'The pairing number from the feedback message', 1, 999_999_999, true),
      int('rating', 'From 1 (poor) to 5 (great)', 1, 5),
      str('comment', 'Anything to add (private)', { maxLength: 2000 }),
    ],
    text: (o) =>
      words('feedback', o['pairing'] as number, o['rating'] as number | undefined, o['comment'] as string | undefined),
    form: (o) => (o['rating'] === undefined && o['comment'] === undefined ? `feedback ${String(o['pairing'])}` : null),
  },
  {
    name: 'block',
    description: 'Never be paired with this person (they are not told)',
    options: [user('person', 'Who')],
    text: (o) => words('block', o['person'] as string),
  },
];

export const GOAL_GROUP: GroupSpec = {
  name: 'goal',
  description: "Your pairing's goals",
  subcommands: [
    {
      name: 'add',
      description: 'Add a specific, measurable goal',
      options: [str('text', 'The goal', { required: true, maxLength: 300 }), partner],
      text: (o) => words('goal add', o['partner'] as string | undefined, o['text'] as string),
    },
    {
      name: 'done',
      description: 'Mark a goal done',
      options: [int('number', 'The goal number shown by /mentor goals', 1, 9999, true), partner],
      text: (o) => words('goal done', o['partner'] as string | undefined, o['number'] as number),
    },
  ],
};
