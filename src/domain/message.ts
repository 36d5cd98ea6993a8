/**
 * What the bot says, platform-neutral. Text may hold mention tokens (`<@id>`) and *bold* / `code` marks that
 * every adapter can render. An action is a button whose press runs `command` as the person who pressed it.
 */
export interface MessageAction {
  label: string;
  command: string;
  style?: 'primary' | 'danger';
}

export interface MessageSection {
  text: string;
  actions?: MessageAction[];
}

export interface BotMessage {
  text: string;
  actions?: MessageAction[];
  /** Items with buttons of their own (a draft round's pairs), shown after the text. */
  sections?: MessageSection[];
  /** Lets adapters pick a native form (an intro opens a group conversation, a nudge a DM). */
  kind?: 'reply' | 'intro' | 'nudge' | 'notice';
  /** For an intro: both members of the pair, so an adapter can open one conversation with them. */
  participants?: string[];
}

export interface Reply extends BotMessage {
  /** Private replies are seen only by the person who asked (ephemeral on Slack and Discord). */
  visibility: 'private' | 'channel';
  /** Set when the request was refused (bad input, not allowed): forms show it beside the fields instead. */
  refused?: boolean;
  /** A file that goes with the reply (the CSV of `export`). */
  attachment?: { filename: string; mimeType: string; content: string };
}
