import type { BotMessage } from '../../src/domain/message';
import type { Messenger } from '../../src/ports/messenger';
import { renderForShell, toShellText } from './shell-people';

/** Direct messages from the bot, printed so everyone at the terminal sees who was told what. */
export function shellMessenger(write: (line: string) => void): Messenger {
  return {
    async send(to: string, message: BotMessage) {
      const recipients = message.kind === 'intro' && message.participants ? message.participants : [to];
      const names = recipients.map((id) => toShellText(`<@${id}>`)).join(' and ');
      const body = renderForShell(message).replace(/\n(?! {3}\[)/g, '\n   ');
      write(`  ✉ to ${names}: ${body}`);
    },
  };
}
