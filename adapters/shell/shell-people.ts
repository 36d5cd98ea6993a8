import type { BotMessage } from '../../src/domain/message';

/** Everyone typing into the local shell belongs to one community. */
export const SHELL_COMMUNITY = 'shell:local';

export const shellPersonId = (name: string): string => `${SHELL_COMMUNITY}:${name.toLowerCase()}`;

/** `@bob` as typed becomes the core's mention token `<@shell:local:bob>`. */
export const toCoreText = (text: string): string =>
  text.replace(
    /(^|\s)@([a-z0-9._-]{1,40})(?=$|\s|[,.!?;:])/gi,
    (_m, space: string, name: string) => `${space}<@${shellPersonId(name)}>`,
  );

/** The core's mention tokens back into `@bob`. */
export const toShellText = (text: string): string =>
  text.replace(
    /<@([^<>\s]+)>/g,
    (_m, id: string) => `@${id.startsWith(`${SHELL_COMMUNITY}:`) ? id.slice(SHELL_COMMUNITY.length + 1) : id}`,
  );

/** A message as the terminal shows it: the text, then each button as the command it runs. */
export function renderForShell(message: BotMessage): string {
  const lines = [toShellText(message.text)];
  for (const action of message.actions ?? [])
    lines.push(`   [${action.label}] → /mentor ${toShellText(action.command)}`);
  return lines.join('\n');
}
