/**
 * Forms for the commands that take free text: a bare `/mentor checkin`, `/mentor end` or `/mentor feedback N`
 * opens one, and its answer becomes the same command text a person could have typed. The core then decides
 * (and refuses) exactly as for the typed command.
 */
export const COMMAND_MODAL_ID = 'mentor_command';

interface Field {
  blockId: string;
  label: string;
  multiline?: boolean;
  options?: [string, string][];
  /** A person picker; the answer becomes their mention. */
  person?: boolean;
}

interface CommandForm {
  title: string;
  submit: string;
  /** The command the answers are appended to, in field order. */
  command: string;
  fields: Field[];
}

const FORMS: { pattern: RegExp; form: (match: RegExpExecArray) => CommandForm }[] = [
  {
    pattern: /^checkin$/i,
    form: () => ({
      title: 'Log a check-in',
      submit: 'Log it',
      command: 'checkin',
      fields: [{ blockId: 'text', label: 'A note for your pair (optional, private to you two)', multiline: true }],
    }),
  },
  {
    pattern: /^end$/i,
    form: () => ({
      title: 'End the pairing',
      submit: 'End it',
      command: 'end',
      fields: [{ blockId: 'text', label: 'Why (optional; your partner sees it)', multiline: true }],
    }),
  },
  {
    // From the Swap button on a draft pair: choose the mentee to swap mentors with.
    pattern: /^round swap (<@[^>\s]+>)$/i,
    form: (m) => ({
      title: 'Swap mentors',
      submit: 'Swap',
      command: `round swap ${m[1]}`,
      fields: [{ blockId: 'other', label: 'Swap mentors with this mentee', person: true }],
    }),
  },
  {
    pattern: /^feedback (\d{1,9})$/i,
    form: (m) => ({
      title: 'Feedback',
      submit: 'Send',
      command: `feedback ${m[1]}`,
      fields: [
        {
          blockId: 'rating',
          label: 'How did it go?',
          options: [
            ['5', '★★★★★ Great'],
            ['4', '★★★★ Good'],
            ['3', '★★★ OK'],
            ['2', '★★ Not great'],
            ['1', '★ Poor'],
          ],
        },
        { blockId: 'text', label: 'Anything to add? (optional, private)', multiline: true },
      ],
    }),
  },
];

/** The form for this command text, or null when the command needs no form. */
export function commandModalFor(text: string): object | null {
  for (const { pattern, form } of FORMS) {
    const match = pattern.exec(text.trim());
    if (!match) continue;
    const f = form(match);
    return {
      type: 'modal',
      callback_id: COMMAND_MODAL_ID,
      private_metadata: JSON.stringify({ command: f.command, fields: f.fields.map((x) => x.blockId) }),
      title: { type: 'plain_text', text: f.title },
      submit: { type: 'plain_text', text: f.submit },
      close: { type: 'plain_text', text: 'Cancel' },
      blocks: f.fields.map((field) => ({
        type: 'input',
        block_id: field.blockId,
        optional: !field.options && !field.person,
        label: { type: 'plain_text', text: field.label },
        element: field.person
          ? { type: 'users_select', action_id: 'value' }
          : field.options
            ? {
                type: 'static_select',
                action_id: 'value',
                options: field.options.map(([value, label]) => ({ text: { type: 'plain_text', text: label }, value })),
              }
            : { type: 'plain_text_input', action_id: 'value', multiline: !!field.multiline },
      })),
    };
  }
  return null;
}

type ViewValues = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value: string } | null; selected_user?: string | null }>
>;

/** The command text a submitted form stands for. */
export function commandFromModal(privateMetadata: string, values: ViewValues): string {
  const { command, fields } = JSON.parse(privateMetadata) as { command: string; fields: string[] };
  const answers = fields.map((id) => {
    const v = values[id]?.['value'];
    if (v?.selected_user) return `<@${v.selected_user}>`;
    return (v?.selected_option?.value ?? v?.value ?? '').trim();
  });
  return [command, ...answers].filter(Boolean).join(' ');
}
