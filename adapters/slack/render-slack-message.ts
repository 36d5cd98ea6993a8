import type { BotMessage } from '../../src/domain/message';
import { toSlackText } from './slack-ids';

/** Every button runs its command through the same core; the action id only has to be unique in the message. */
export const ACTION_ID_PREFIX = 'mentor_cmd_';

/** Slack limits a section's text to 3000 characters. */
const SECTION_LIMIT = 3000;

function sections(text: string): object[] {
  const blocks: object[] = [];
  let rest = text;
  while (rest.length > 0) {
    let cut = rest.length <= SECTION_LIMIT ? rest.length : rest.lastIndexOf('\n', SECTION_LIMIT);
    if (cut <= 0) cut = SECTION_LIMIT;
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: rest.slice(0, cut) } });
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  return blocks;
}

/** A core message as Slack Block Kit: the text in sections, the actions as buttons carrying their command. */
export function renderSlackMessage(message: BotMessage): { text: string; blocks: object[] } {
  const text = toSlackText(message.text);
  const buttons = (message.actions ?? []).slice(0, 25).map((action, i) => ({
    type: 'button',
    action_id: `${ACTION_ID_PREFIX}${i}`,
    text: { type: 'plain_text', text: action.label.slice(0, 75), emoji: true },
    value: action.command.slice(0, 2000),
    ...(action.style && { style: action.style }),
  }));
  return {
    text: text.slice(0, 3900),
    blocks: [...sections(text).slice(0, 45), ...(buttons.length ? [{ type: 'actions', elements: buttons }] : [])],
  };
}
