import type { PersonId } from '../domain/ids';
import type { BotMessage } from '../domain/message';
import { PermanentDeliveryError, type Messenger } from '../ports/messenger';

/**
 * One messenger for every platform the bot serves: a person id's prefix (`slack:`, `discord:`) names the
 * platform, so the outbox needs no idea which one a message goes to. A person of a platform this process does
 * not serve cannot be reached by any retry.
 */
export function routingMessenger(byPlatform: Readonly<Record<string, Messenger>>): Messenger {
  return {
    send(to: PersonId, message: BotMessage) {
      const platform = to.slice(0, to.indexOf(':'));
      const messenger = Object.hasOwn(byPlatform, platform) ? byPlatform[platform] : undefined;
      if (!messenger)
        return Promise.reject(
          new PermanentDeliveryError(`this process sends to no ${platform || 'unknown'} people (${to})`),
        );
      return messenger.send(to, message);
    },
  };
}
