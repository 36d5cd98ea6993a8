import { routingMessenger } from '../../../src/delivery/routing-messenger';
import type { BotMessage } from '../../../src/domain/message';
import { PermanentDeliveryError, type Messenger } from '../../../src/ports/messenger';

function recording(): Messenger & { sent: [string, BotMessage][] } {
  const sent: [string, BotMessage][] = [];
  return { sent, send: async (to, message) => void sent.push([to, message]) };
}

describe('routingMessenger', () => {
  const message: BotMessage = { text: 'hello' };

  it('sends each message through the messenger of the platform named by the person id', async () => {
    const slack = recording();
    const discord = recording();
    const messenger = routingMessenger({ slack, discord });
    await messenger.send('discord:1:2', message);
    await messenger.send('slack:T1:U2', message);
    expect(discord.sent).toEqual([['discord:1:2', message]]);
    expect(slack.sent).toEqual([['slack:T1:U2', message]]);
  });

  it('fails for good for a platform this process does not serve (retrying cannot help)', async () => {
    const messenger = routingMessenger({ slack: recording() });
    await expect(messenger.send('discord:1:2', message)).rejects.toEqual(
      new PermanentDeliveryError('this process sends to no discord people (discord:1:2)'),
    );
    await expect(messenger.send('nobody', message)).rejects.toBeInstanceOf(PermanentDeliveryError);
    // An inherited property name is not a platform.
    await expect(messenger.send('constructor:x', message)).rejects.toBeInstanceOf(PermanentDeliveryError);
  });

  it("passes the platform's own errors on unchanged", async () => {
    const failure = new Error('network down');
    const messenger = routingMessenger({ slack: { send: () => Promise.reject(failure) } });
    await expect(messenger.send('slack:T1:U2', message)).rejects.toBe(failure);
  });
});
