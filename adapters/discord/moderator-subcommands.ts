import { CONFIG_KEYS } from '../../src/commands/config-keys';
import { str, user, words, type GroupSpec, type SubcommandSpec } from './subcommand-spec';

const bare = (name: string, description: string): SubcommandSpec => ({
  name,
  description,
  text: () => `round ${name}`,
});

/** `round preview|swap|lock|...` as a subcommand group: one typed person option per @mention the core expects. */
export const ROUND_GROUP: GroupSpec = {
  name: 'round',
  description: 'Moderators: the pairing round',
  subcommands: [
    bare('preview', 'Compute a draft round now, with the reason for every pair'),
    {
      name: 'swap',
      description: "Exchange two mentees' mentors in the draft",
      options: [user('mentee', 'A mentee in the draft'), user('other', 'The other mentee')],
      text: (o) => words('round swap', o['mentee'] as string, o['other'] as string),
    },
    {
      name: 'lock',
      description: 'Keep a pair whatever else changes',
      options: [user('mentor', 'The mentor'), user('mentee', 'The mentee')],
      text: (o) => words('round lock', o['mentor'] as string, o['mentee'] as string),
    },
    {
      name: 'unlock',
      description: "Release a mentee's locked pair",
      options: [user('mentee', 'The mentee')],
      text: (o) => words('round unlock', o['mentee'] as string),
    },
    {
      name: 'exclude',
      description: 'Take someone out of this round',
      options: [user('person', 'Who')],
      text: (o) => words('round exclude', o['person'] as string),
    },
    {
      name: 'include',
      description: 'Bring someone back into this round',
      options: [user('person', 'Who')],
      text: (o) => words('round include', o['person'] as string),
    },
    bare('publish', 'Create the pairings and introduce every pair'),
    bare('cancel', 'Drop the draft without telling anyone'),
    bare('status', 'Show the draft or the last round, and the schedule'),
    {
      name: 'schedule',
      description: 'Draft rounds automatically (cron in the community time zone), or off',
      options: [str('cron', 'Five-field cron, e.g. 0 10 * * 1#1 (first Monday 10:00), or off', { required: true })],
      text: (o) => words('round schedule', o['cron'] as string),
    },
  ],
};

/** The other moderator commands of PRODUCT.md; the core refuses them to members. */
export const MODERATOR_SUBCOMMANDS: SubcommandSpec[] = [
  {
    name: 'pair',
    description: 'Moderators: pair a mentor with a mentee by hand',
    options: [
      user('mentor', 'The mentor'),
      user('mentee', 'The mentee'),
      { name: 'force', description: 'Allow a repeat pairing or a paused member', kind: 'boolean' },
    ],
    text: (o) => words('pair', o['mentor'] as string, o['mentee'] as string, o['force'] === true && 'force'),
  },
  {
    name: 'unpair',
    description: 'Moderators: end a pairing',
    options: [user('mentor', 'The mentor'), user('mentee', 'The mentee')],
    text: (o) => words('unpair', o['mentor'] as string, o['mentee'] as string),
  },
  { name: 'stats', description: 'Moderators: members, pairs, check-ins, satisfaction', text: () => 'stats' },
  { name: 'export', description: 'Moderators: CSV of pairings and check-ins (no notes)', text: () => 'export' },
  {
    name: 'config',
    description: 'Moderators: show or change community settings',
    options: [
      { name: 'key', description: 'The setting', kind: 'string', choices: Object.keys(CONFIG_KEYS) },
      str('value', 'The new value (moderators: add or remove, with person)', { maxLength: 1000 }),
      user('person', 'For moderators add|remove', false),
      { name: 'channel', description: 'For fallback-channel', kind: 'channel' },
      { name: 'role', description: 'For moderator-role', kind: 'role' },
    ],
    text: (o) =>
      words(
        'config',
        o['key'] as string | undefined,
        o['value'] as string | undefined,
        o['person'] as string | undefined,
        o['channel'] as string | undefined,
        o['role'] as string | undefined,
      ),
  },
];
