import type { Command, ProfileFields } from '../../src/commands/command';
import { parseProfileField } from '../../src/commands/profile-fields';
import type { Role } from '../../src/domain/member';

export const PROFILE_MODAL_ID = 'mentor_profile';

type Mode = 'join' | 'edit';

const text = (
  label: string,
  blockId: string,
  options: { hint?: string; initial?: string; optional?: boolean; placeholder?: string } = {},
) => ({
  type: 'input',
  block_id: blockId,
  optional: options.optional ?? false,
  label: { type: 'plain_text', text: label },
  ...(options.hint && { hint: { type: 'plain_text', text: options.hint } }),
  element: {
    type: 'plain_text_input',
    action_id: 'value',
    ...(options.initial && { initial_value: options.initial }),
    ...(options.placeholder && { placeholder: { type: 'plain_text', text: options.placeholder } }),
  },
});

const choice = (value: string, label: string) => ({ text: { type: 'plain_text', text: label }, value });

/**
 * The join / edit form. On `edit` every field is optional and an empty one leaves that detail as it is.
 * The time zone starts as the one in the person's Slack profile.
 */
export function profileModal(mode: Mode, timezone: string | null): object {
  const optional = mode === 'edit';
  return {
    type: 'modal',
    callback_id: PROFILE_MODAL_ID,
    private_metadata: mode,
    title: { type: 'plain_text', text: mode === 'join' ? 'Join mentoring' : 'Edit your profile' },
    submit: { type: 'plain_text', text: mode === 'join' ? 'Join' : 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      ...(mode === 'join'
        ? [
            {
              type: 'input',
              block_id: 'role',
              label: { type: 'plain_text', text: 'I want to take part as' },
              element: {
                type: 'static_select',
                action_id: 'value',
                options: [
                  choice('mentee', 'Mentee: I want to learn'),
                  choice('mentor', 'Mentor: I want to help'),
                  choice('both', 'Both'),
                ],
              },
            },
          ]
        : []),
      text('Skills I can offer (mentors)', 'skills', {
        optional: true,
        placeholder: 'pricing, finding clients, contracts',
        hint: 'Separate with commas.',
      }),
      text('What I want to learn (mentees)', 'goals', {
        optional: true,
        placeholder: 'raise my rates, first enterprise client',
      }),
      text('Time zone', 'timezone', {
        optional,
        ...(timezone && { initial: timezone }),
        hint: 'An IANA name such as Europe/Berlin.',
      }),
      text('Languages', 'languages', { optional: true, placeholder: 'en, es' }),
      text('How many mentees I can take (mentors)', 'capacity', { optional: true, placeholder: '2' }),
      text('How often to check in', 'cadence', { optional: true, placeholder: 'weekly, every 2 weeks, monthly' }),
    ],
  };
}

type ViewValues = Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>>;

const FIELD_OF: Record<string, keyof ProfileFields> = {
  skills: 'skills',
  goals: 'goals',
  timezone: 'timezone',
  languages: 'languages',
  capacity: 'capacity',
  cadence: 'cadenceMinutes',
};

/**
 * The submitted form as a core command, or the errors to show next to the fields. Each field goes through
 * the same validation as the typed command, so both say the same thing.
 */
export function readProfileSubmission(
  mode: Mode,
  values: ViewValues,
): { command: Command } | { errors: Record<string, string> } {
  const profile: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [blockId, field] of Object.entries(FIELD_OF)) {
    const raw = values[blockId]?.['value']?.value?.trim();
    if (!raw) continue;
    const parsed = parseProfileField(field, raw);
    if (parsed.ok) profile[field] = parsed.value;
    else errors[blockId] = parsed.message;
  }
  if (Object.keys(errors).length) return { errors };
  if (mode === 'edit') {
    if (Object.keys(profile).length === 0)
      return { errors: { skills: 'Change at least one detail, or press Cancel.' } };
    return { command: { name: 'edit', profile: profile as ProfileFields } };
  }
  // The option's value comes back from the client: only our three choices become a role.
  const chosen = values['role']?.['value']?.selected_option?.value;
  const role = (['mentor', 'mentee', 'both'] as const satisfies readonly Role[]).find((r) => r === chosen);
  if (!role) return { errors: { role: 'Choose how you want to take part.' } };
  return { command: { name: 'join', role, profile: profile as ProfileFields } };
}
