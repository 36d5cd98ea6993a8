import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
} from 'discord.js';
import type { BotMessage, MessageAction } from '../../src/domain/message';
import { toDiscordText } from './discord-ids';

/** A button whose press runs the command after the prefix, as the person who pressed it. */
export const COMMAND_ID_PREFIX = 'mc:';
const CUSTOM_ID_LIMIT = 100;
const CONTENT_LIMIT = 2000;
const EMBED_LIMIT = 4096;
const ROWS_LIMIT = 5;
const BUTTONS_PER_ROW = 5;

export interface DiscordMessage {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
}

const STYLES = { primary: ButtonStyle.Primary, danger: ButtonStyle.Danger } as const;

/**
 * The command as a custom id. Mentions are written as Discord's `<@id>` (the guild is known when the button
 * is pressed) so that a two-person command fits Discord's 100 characters.
 */
export const customIdFor = (command: string): string | null => {
  const id = `${COMMAND_ID_PREFIX}${toDiscordText(command)}`;
  return id.length <= CUSTOM_ID_LIMIT ? id : null;
};

function button(action: MessageAction, prefix = ''): APIButtonComponent | null {
  const customId = customIdFor(action.command);
  if (!customId) return null;
  return {
    type: ComponentType.Button,
    custom_id: customId,
    label: `${prefix}${action.label}`.slice(0, 80),
    style: action.style ? STYLES[action.style] : ButtonStyle.Secondary,
  };
}

function rowsOf(buttons: (APIButtonComponent | null)[]): APIActionRowComponent<APIButtonComponent>[] {
  const present = buttons.filter((b): b is APIButtonComponent => b !== null);
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < present.length; i += BUTTONS_PER_ROW) {
    rows.push({ type: ComponentType.ActionRow, components: present.slice(i, i + BUTTONS_PER_ROW) });
  }
  return rows;
}

/**
 * Long text goes into an embed (4096 characters), since a message's content holds only 2000; the rest of a
 * very long draft is in `round status` and `export`.
 */
function body(text: string): Pick<DiscordMessage, 'content' | 'embeds'> {
  if (text.length <= CONTENT_LIMIT) return { content: text, embeds: [] };
  if (text.length <= EMBED_LIMIT) return { content: '', embeds: [{ description: text }] };
  const cut = text.lastIndexOf('\n', EMBED_LIMIT - 2);
  return { content: '', embeds: [{ description: `${text.slice(0, cut > 0 ? cut : EMBED_LIMIT - 2)}\n…` }] };
}

/**
 * A core message for Discord: the text (with the items of its sections), the message's actions as buttons,
 * then one row of buttons per section (numbered like the items) while Discord's five rows last. Core text
 * uses `*bold*`, which Discord shows in italics; Discord's bold is `**`.
 */
export function renderDiscordMessage(message: BotMessage): DiscordMessage {
  const sections = message.sections ?? [];
  const lines = [message.text, ...sections.map((s, i) => `${sections.length > 1 ? `${i + 1}. ` : ''}${s.text}`)];
  const text = toDiscordText(lines.join('\n')).replace(/(^|[\s(])\*([^*\n]+)\*(?=[\s.,:;!?)]|$)/g, '$1**$2**');
  const rows = rowsOf((message.actions ?? []).map((a) => button(a)));
  sections.forEach((section, i) => {
    const prefix = sections.length > 1 ? `${i + 1}. ` : '';
    rows.push(...rowsOf((section.actions ?? []).slice(0, BUTTONS_PER_ROW).map((a) => button(a, prefix))));
  });
  return { ...body(text), components: rows.slice(0, ROWS_LIMIT) };
}
