import { inProcessOutbound } from '../../../src/delivery/in-process-outbound';
import { claimUntil, outboxDeliverer } from '../../../src/delivery/outbox-deliverer';
import { systemClock } from '../../../src/ports/clock';
import { PermanentDeliveryError } from '../../../src/ports/messenger';
import type { Outbound } from '../../../src/ports/outbound';
import type { Store } from '../../../src/ports/store';
import { silentLogger } from '../../helpers/silent-logger';
import { waitFor } from '../jobs/wait-for';
import { bullmqOutbounds, FakeMessenger, openOutboxDatabase, type OutboxDatabase } from './outbound-kit';

/**
 * What every outbound must do, whichever carries the outbox: the BullMQ queue on the shared Redis, or the
 * embedded in-process drain. `polls` says whether the target also looks at the outbox on its own timer; where
 * it does, the kick tests give it a long interval so that the kick, not the timer, is what sends.
 */
interface Target {
  create(store: Store, messenger: FakeMessenger, options: { polls: boolean }): Outbound;
  stopAll(): Promise<void>;
  /** Called before each test (BullMQ: a fresh prefix, as the outbox ids restart). */
  beforeEach(): void;
  cleanup(): Promise<void>;
}

function bullmqTarget(): Target {
  const outbounds = bullmqOutbounds();
  return {
    create: (store, messenger) => outbounds.create(store, messenger),
    stopAll: () => outbounds.stopAll(),
    beforeEach: () => void outbounds.freshPrefix(),
    cleanup: () => outbounds.cleanup(),
  };
}

function inProcessTarget(): Target {
  const open: Outbound[] = [];
  return {
    create(store, messenger, { polls }) {
      const logger = silentLogger();
      const deliverer = outboxDeliverer({ store, messenger, clock: systemClock, logger });
      const outbound = inProcessOutbound(deliverer, logger, polls ? 50 : 3_600_000);
      open.push(outbound);
      return outbound;
    },
    stopAll: async () => void (await Promise.all(open.splice(0).map((outbound) => outbound.stop()))),
    beforeEach: () => undefined,
    cleanup: async () => undefined,
  };
}

// One database for the file; each test empties the outbox.
let outbox: OutboxDatabase;
beforeAll(async () => {
  outbox = await openOutboxDatabase();
});
afterAll(() => outbox?.database.dispose());

describe.each([
  ['BullMQ on Redis', bullmqTarget],
  ['in-process', inProcessTarget],
])('the %s outbound', (_name, makeTarget) => {
  const target = makeTarget();
  let messenger: FakeMessenger;

  beforeEach(async () => {
    await outbox.reset();
    target.beforeEach();
    messenger = new FakeMessenger();
  });
  afterEach(() => target.stopAll());
  afterAll(() => target.cleanup());

  const allSentOnce = (recipients: string[]) => Object.fromEntries(recipients.map((to): [string, number] => [to, 1]));

  it('sends each queued message once on a kick, and deletes it from the outbox', async () => {
    const outbound = target.create(outbox.store, messenger, { polls: false });
    await outbound.start();
    const recipients = ['u1', 'u2', 'u3', 'u4', 'u5'];
    for (const to of recipients) await outbox.queue(to);
    await outbound.kick();

    await waitFor(async () => (await outbox.rows()).length === 0, 'the outbox to empty');
    await waitFor(() => messenger.delivered.length >= recipients.length, 'every message to be sent');
    expect(messenger.deliveredCounts()).toEqual(allSentOnce(recipients));
    expect(messenger.delivered.map((call) => call.text).sort()).toEqual(recipients.map((to) => `hi ${to}`));
  });

  it('never sends a message twice however often kick and resync are called, even at once', async () => {
    const outbound = target.create(outbox.store, messenger, { polls: false });
    await outbound.start();
    const recipients = Array.from({ length: 30 }, (_, i) => `p${i}`);
    await Promise.all(recipients.map((to) => outbox.queue(to)));
    const storm = () =>
      Promise.all([outbound.kick(), outbound.resync(), outbound.kick(), outbound.kick(), outbound.resync()]);
    await storm();
    await waitFor(async () => (await outbox.rows()).length === 0, 'the outbox to empty');
    await storm();

    // A message queued after the second storm, and kicked, proves the storm's work has been processed.
    await outbox.queue('last');
    await Promise.all([outbound.kick(), outbound.resync()]);
    await waitFor(() => messenger.callsTo('last').length > 0, 'the last message');
    await storm();
    await waitFor(async () => (await outbox.rows()).length === 0, 'the outbox to empty again');

    expect(messenger.deliveredCounts()).toEqual(allSentOnce([...recipients, 'last']));
    expect(messenger.calls).toHaveLength(recipients.length + 1);
  });

  it('does not send a message before its notBefore, and sends it after', async () => {
    const notBefore = new Date(Date.now() + 500);
    let sentEarly = false;
    messenger.on('later', () => {
      sentEarly ||= Date.now() < notBefore.getTime();
    });
    const outbound = target.create(outbox.store, messenger, { polls: true });
    await outbound.start();
    await outbox.queue('later', notBefore);
    await outbox.queue('now');
    await outbound.kick();

    await waitFor(() => messenger.callsTo('later').length > 0, 'the delayed message');
    expect(sentEarly).toBe(false);
    expect(messenger.callsTo('later')[0]!.at).toBeGreaterThanOrEqual(notBefore.getTime());
    // The waiting message held nothing else up.
    expect(messenger.calls.map((call) => call.to)).toEqual(['now', 'later']);
    await waitFor(async () => (await outbox.rows()).length === 0, 'the outbox to empty');
    expect(messenger.deliveredCounts()).toEqual({ now: 1, later: 1 });
  });

  it('sends handed-off messages once, at once, while a drain leaves them to their sender', async () => {
    const outbound = target.create(outbox.store, messenger, { polls: false });
    await outbound.start();
    const recipients = ['h1', 'h2', 'h3'];
    const claimed = await outbox.queueClaimed(recipients, claimUntil(new Date()));
    expect(claimed.map((m) => [m.recipientId, m.message.text])).toEqual(recipients.map((to) => [to, `hi ${to}`]));

    // A drain in between (another command's kick) must not take claimed messages.
    await outbox.queue('kicked');
    await outbound.kick();
    await waitFor(() => messenger.callsTo('kicked').length > 0, 'the kicked message');
    expect(messenger.calls.map((call) => call.to)).toEqual(['kicked']);

    await outbound.handOff(claimed);
    expect(messenger.deliveredCounts()).toEqual(allSentOnce(['kicked', ...recipients]));
    expect(await outbox.rows()).toEqual([]);
  });

  it('gives a hand-off back to the queue when it is not started, and sends it once started', async () => {
    const outbound = target.create(outbox.store, messenger, { polls: false });
    const claimed = await outbox.queueClaimed(['early'], claimUntil(new Date()));
    await outbound.handOff(claimed);
    expect(messenger.calls).toEqual([]);
    await outbound.start();
    await waitFor(() => messenger.callsTo('early').length > 0, 'the handed-back message');
    await waitFor(async () => (await outbox.rows()).length === 0, 'the outbox to empty');
    expect(messenger.deliveredCounts()).toEqual({ early: 1 });
  });

  it('sends what a sender claimed and never handed off (it died) once the claim runs out', async () => {
    const claimEnds = new Date(Date.now() + 300);
    await outbox.queueClaimed(['orphan'], claimEnds);
    const outbound = target.create(outbox.store, messenger, { polls: true });
    await outbound.start();
    await waitFor(() => messenger.callsTo('orphan').length > 0, 'the orphaned message');
    expect(messenger.callsTo('orphan')[0]!.at).toBeGreaterThanOrEqual(claimEnds.getTime());
    await waitFor(async () => (await outbox.rows()).length === 0, 'the outbox to empty');
    expect(messenger.deliveredCounts()).toEqual({ orphan: 1 });
  });

  it('records a PermanentDeliveryError at once and never tries that message again', async () => {
    messenger.on('gone', () => {
      throw new PermanentDeliveryError('user has left the workspace');
    });
    const outbound = target.create(outbox.store, messenger, { polls: true });
    await outbound.start();
    await outbox.queue('gone');
    await outbox.queue('here');
    await outbound.kick();

    await waitFor(async () => (await outbox.row('gone'))?.failed_at != null, 'the failure to be recorded');
    expect(await outbox.row('gone')).toMatchObject({ attempts: 1, failure: 'user has left the workspace' });

    // Later work goes on (and any retry would have had several backoff periods to happen) without it.
    await outbox.queue('after', new Date(Date.now() + 300));
    await Promise.all([outbound.kick(), outbound.resync()]);
    await waitFor(() => messenger.callsTo('after').length > 0, 'a later message');
    await outbound.resync();
    await waitFor(async () => (await outbox.rows()).length === 1, 'only the failed message to stay');

    expect(messenger.callsTo('gone')).toHaveLength(1);
    expect(messenger.deliveredCounts()).toEqual({ here: 1, after: 1 });
    expect(await outbox.rows()).toEqual([expect.objectContaining({ recipient_id: 'gone', attempts: 1 })]);
  });
});
