import { ComponentType, TextInputStyle, type APIModalInteractionResponseCallbackData } from 'discord.js';
import type { Command, ProfileFields } from '../../src/commands/command';
import { parseProfileField } from '../../src/commands/profile-fields';
import type { Role } from '../../src/domain/member';
import { toDiscordText } from './discord-ids';
import type { OptionValues } from './subcommand-spec';

/** Modal custom ids: the profile form (`mp:join` / `mp:edit`) and the free-text forms (`mf:<command>`). */
export const PROFILE_FORM_PREFIX = 'mp:';
export const COMMAND_FORM_PREFIX = 'mf:';

interface Field {
  id: string;
  /** Discord allows 45 characters. */
  label: string;
  paragraph?: boolean;
  required?: boolean;
  placeholder?: string;
  value?: string | undefined;
  maxLength?: number;
}

const modal = (customId: string, title: string, fields: Field[]): APIModalInteractionResponseCallbackData => ({
  custom_id: customId,
  title,
  components: fields.map((f) => ({
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.TextInput,
        custom_id: f.id,
        label: f.label,
        style: f.paragraph ? TextInputStyle.Paragraph : TextInputStyle.Short,
        required: f.required ?? false,
        max_length: f.maxLength ?? (f.paragraph ? 2000 : 200),
        ...(f.placeholder && { placeholder: f.placeholder }),
        ...(f.value && { value: f.value }),
      },
    ],
  })),
});

/**
 * The join / edit form; Discord allows five fields, so capacity and cadence on `join` (and cadence on `edit`)
 * stay options of the slash command. Values given as options are filled in.
 */
export function profileForm(mode: 'join' | 'edit', given: OptionValues = {}): APIModalInteractionResponseCallbackData {
  const value = (name: string) => (given[name] === undefined ? undefined : String(given[name]));
  const fields: Field[] = [
    ...(mode === 'join'
      ? [
          {
            id: 'role',
            label: 'Take part as: mentor, mentee or both',
            required: true,
            maxLength: 6,
            value: value('role'),
          },
        ]
      : []),
    {
      id: 'skills',
      label: 'Skills I can offer (mentors)',
      placeholder: 'pricing, finding clients',
      value: value('skills'),
    },
    { id: 'goals', label: 'What I want to learn (mentees)', placeholder: 'raise my rates', value: value('goals') },
    {
      id: 'timezone',
      label: 'Time zone (e.g. Europe/Berlin)',
      required: mode === 'join',
      maxLength: 60,
      value: value('timezone'),
    },
    { id: 'languages', label: 'Languages', placeholder: 'en, es', value: value('languages') },
    ...(mode === 'edit'
      ? [{ id: 'capacity', label: 'How many mentees I can take', maxLength: 2, value: value('capacity') }]
      : []),
  ];
  return modal(`${PROFILE_FORM_PREFIX}${mode}`, mode === 'join' ? 'Join mentoring' : 'Edit your profile', fields);
}

const LABELS: Record<string, string> = {
  skills: 'Skills',
  goals: 'Goals',
  timezone: 'Time zone',
  languages: 'Languages',
  capacity: 'Capacity',
};

/**
 * The submitted profile form as a core command, or one message naming each bad field. Every field goes through
 * the same validation as the typed command, so both say the same thing.
 */
export function readProfileForm(
  mode: 'join' | 'edit',
  fields: ReadonlyMap<string, string>,
): Command | { error: string } {
  const profile: Record<string, unknown> = {};
  const errors: string[] = [];
  for (const id of Object.keys(LABELS)) {
    const raw = fields.get(id)?.trim();
    if (!raw) continue;
    const key = id as keyof ProfileFields;
    const parsed = parseProfileField(key, raw);
    if (parsed.ok) profile[key] = parsed.value;
    else errors.push(`${LABELS[id]}: ${parsed.message}`);
  }
  const role = fields.get('role')?.trim().toLowerCase() ?? '';
  if (mode === 'join' && role !== 'mentor' && role !== 'mentee' && role !== 'both')
    errors.unshift(`Role: "${role}" is not a role; choose mentor, mentee or both.`);
  if (errors.length) return { error: errors.join('\n') };
  if (mode === 'edit') {
    if (Object.keys(profile).length === 0) return { error: 'Change at least one detail, or close the form.' };
    return { name: 'edit', profile: profile as ProfileFields };
  }
  return { name: 'join', role: role as Role, profile: profile as ProfileFields };
}

/** The free-text forms: their answers are appended to the command, as if typed. */
const COMMAND_FORMS: { pattern: RegExp; title: string; fields: Field[] }[] = [
  {
    pattern: /^checkin$/,
    title: 'Log a check-in',
    fields: [{ id: 'text', label: 'A note for your pair (optional, private)', paragraph: true }],
  },
  {
    pattern: /^end$/,
    title: 'End the pairing',
    fields: [{ id: 'text', label: 'Why (optional; your partner sees it)', paragraph: true, maxLength: 500 }],
  },
  {
    pattern: /^feedback \d{1,9}$/,
    title: 'Feedback',
    fields: [
      { id: 'rating', label: 'How did it go, from 1 (poor) to 5 (great)?', required: true, maxLength: 1 },
      { id: 'text', label: 'Anything to add? (optional, private)', paragraph: true },
    ],
  },
];

/** The form a bare command opens (`join`, `edit`, `checkin`, `end`, `feedback N`), or null. */
export function formFor(command: string, given: OptionValues = {}): APIModalInteractionResponseCallbackData | null {
  const text = command.trim();
  if (text === 'join' || text === 'edit') return profileForm(text, given);
  const form = COMMAND_FORMS.find((f) => f.pattern.test(text));
  return form ? modal(`${COMMAND_FORM_PREFIX}${toDiscordText(text)}`, form.title, form.fields) : null;
}

/** The command text a submitted free-text form stands for (Discord mentions still to be rewritten). */
export const commandFromForm = (customId: string, answers: string[]): string =>
  [customId.slice(COMMAND_FORM_PREFIX.length), ...answers.map((a) => a.trim())].filter(Boolean).join(' ');
