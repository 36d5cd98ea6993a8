import type { BotMessage, MessageAction } from '../../src/domain/message';
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
  let counter = 0;
  const actionsBlock = (actions: MessageAction[] | undefined): object[] => {
    const buttons = (actions ?? []).slice(0, 25).map((action) => ({
      type: 'button',
      // Unique across the whole message, as Slack requires.
      action_id: `${ACTION_ID_PREFIX}${counter++}`,
      text: { type: 'plain_text', text: action.label.slice(0, 75), emoji: true },
      value: action.command.slice(0, 2000),
      ...(action.style && { style: action.style }),
    }));
    return buttons.length ? [{ type: 'actions', elements: buttons }] : [];
  };
  const items = (message.sections ?? [])
    .slice(0, 20)
    .flatMap((section) => [...sections(toSlackText(section.text)).slice(0, 1), ...actionsBlock(section.actions)]);
  return {
    text: text.slice(0, 3900),
    blocks: [...sections(text).slice(0, 45), ...items, ...actionsBlock(message.actions)].slice(0, 100),
  };
}
