import type { NudgeTimer } from '../../../src/commands/use-cases/checkins/deliver-nudges';
import { nudgeBatcher, type NudgeBatcherOptions } from '../../../src/delivery/nudge-batcher';

/** One call of the fake `deliver`, settled by the test. */
interface Delivery {
  communityId: string;
  timers: NudgeTimer[];
  resolve(): void;
  reject(error: unknown): void;
}

/** A `deliver` whose every call waits until the test settles it. */
function controllableDeliver() {
  const calls: Delivery[] = [];
  const deliver: NudgeBatcherOptions['deliver'] = (communityId, timers) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ communityId, timers: [...timers], resolve, reject });
    });
  return { calls, deliver };
}

/** Lets the batcher's setImmediate and any settled promise chains run (no timers, no clock). */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

/** Follows a promise without awaiting it: `state()` is 'pending', 'resolved' or 'rejected: <message>'. */
function track(promise: Promise<void>): { state(): string } {
  let state = 'pending';
  promise.then(
    () => (state = 'resolved'),
    (error: Error) => (state = `rejected: ${error.message}`),
  );
  return { state: () => state };
}

const t = (nudgeId: number, generation = 0): NudgeTimer => ({ nudgeId, generation });
const ids = (delivery: Delivery | undefined): number[] => (delivery?.timers ?? []).map((timer) => timer.nudgeId);

describe('nudgeBatcher', () => {
  it('puts timers added in the same turn into one batch, in the order they were added', async () => {
    const { calls, deliver } = controllableDeliver();
    const batcher = nudgeBatcher({ deliver });
    const added = [5, 2, 9].map((id) => track(batcher.add('c1', t(id, id % 2))));
    await settle();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.communityId).toBe('c1');
    expect(calls[0]!.timers).toEqual([t(5, 1), t(2, 0), t(9, 1)]);
    calls[0]!.resolve();
    await settle();
    expect(added.map((a) => a.state())).toEqual(['resolved', 'resolved', 'resolved']);
  });

  it('sends a lone timer at once when nothing runs', async () => {
    const { calls, deliver } = controllableDeliver();
    const batcher = nudgeBatcher({ deliver, maxInFlight: 1 });
    void batcher.add('c1', t(1));
    await settle();
    expect(calls.map(ids)).toEqual([[1]]);
  });

  it('while maxInFlight batches run, holds new timers back and sends them together in the next batch', async () => {
    const { calls, deliver } = controllableDeliver();
    const batcher = nudgeBatcher({ deliver, maxInFlight: 2 });
    const first = track(batcher.add('c1', t(1)));
    await settle();
    const second = track(batcher.add('c1', t(2)));
    await settle();
    expect(calls.map(ids)).toEqual([[1], [2]]);

    // Both slots are busy: these wait, across several turns, however long the running batches take.
    const waiting = [3, 4, 5].map((id) => track(batcher.add('c1', t(id))));
    await settle();
    void batcher.add('c1', t(6));
    await settle();
    expect(calls).toHaveLength(2);

    calls[1]!.resolve();
    await settle();
    expect(second.state()).toBe('resolved');
    expect(first.state()).toBe('pending');
    expect(calls.map(ids)).toEqual([[1], [2], [3, 4, 5, 6]]);
    // Still two in flight (1 and the new batch): a new timer waits again.
    void batcher.add('c1', t(7));
    await settle();
    expect(calls).toHaveLength(3);
    calls[0]!.resolve();
    await settle();
    expect(calls.map(ids)).toEqual([[1], [2], [3, 4, 5, 6], [7]]);
    expect(waiting.map((w) => w.state())).toEqual(['pending', 'pending', 'pending']);
    calls[2]!.resolve();
    await settle();
    expect(waiting.map((w) => w.state())).toEqual(['resolved', 'resolved', 'resolved']);
  });

  it('never puts more than maxBatch timers in a batch, and loses none', async () => {
    const { calls, deliver } = controllableDeliver();
    const batcher = nudgeBatcher({ deliver, maxBatch: 3, maxInFlight: 2 });
    const added = Array.from({ length: 8 }, (_, i) => track(batcher.add('c1', t(i + 1))));
    await settle();
    expect(calls.map(ids)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    calls[0]!.resolve();
    await settle();
    expect(calls.map(ids)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7, 8],
    ]);
    calls[1]!.resolve();
    calls[2]!.resolve();
    await settle();
    expect(added.every((a) => a.state() === 'resolved')).toBe(true);
    expect(calls.every((call) => call.timers.length <= 3)).toBe(true);
  });

  it('defaults to batches of at most 500', async () => {
    const { calls, deliver } = controllableDeliver();
    const batcher = nudgeBatcher({ deliver });
    for (let i = 1; i <= 1001; i++) void batcher.add('c1', t(i));
    await settle();
    expect(calls.map((call) => call.timers.length)).toEqual([500, 500]);
    calls[0]!.resolve();
    await settle();
    expect(calls.map((call) => call.timers.length)).toEqual([500, 500, 1]);
  });

  it('never mixes communities in a batch', async () => {
    const { calls, deliver } = controllableDeliver();
    const batcher = nudgeBatcher({ deliver, maxInFlight: 1 });
    void batcher.add('c1', t(1));
    void batcher.add('c2', t(2));
    void batcher.add('c1', t(3));
    void batcher.add('c3', t(4));
    void batcher.add('c2', t(5));
    await settle();
    for (let i = 0; i < 3; i++) {
      calls[i]!.resolve();
      await settle();
    }
    expect(calls.map((call) => [call.communityId, ids(call)])).toEqual([
      ['c1', [1, 3]],
      ['c2', [2, 5]],
      ['c3', [4]],
    ]);
  });

  it('resolves each add() only once its own batch was delivered', async () => {
    const { calls, deliver } = controllableDeliver();
    const batcher = nudgeBatcher({ deliver, maxInFlight: 2 });
    const a = track(batcher.add('c1', t(1)));
    const b = track(batcher.add('c2', t(2)));
    await settle();
    expect(calls.map(ids)).toEqual([[1], [2]]);
    expect([a.state(), b.state()]).toEqual(['pending', 'pending']);
    calls[1]!.resolve();
    await settle();
    expect([a.state(), b.state()]).toEqual(['pending', 'resolved']);
    calls[0]!.resolve();
    await settle();
    expect([a.state(), b.state()]).toEqual(['resolved', 'resolved']);
  });

  it('when a batch fails, retries each timer alone: only the failing one rejects', async () => {
    const { calls, deliver } = controllableDeliver();
    const batcher = nudgeBatcher({ deliver, maxInFlight: 1 });
    const added = [1, 2, 3].map((id) => track(batcher.add('c1', t(id))));
    await settle();
    expect(calls.map(ids)).toEqual([[1, 2, 3]]);
    calls[0]!.reject(new Error('nudge 2 breaks the batch'));
    await settle();
    expect(calls.slice(1).map((call) => [call.communityId, ids(call)])).toEqual([
      ['c1', [1]],
      ['c1', [2]],
      ['c1', [3]],
    ]);
    // Nobody settles before their retry did.
    expect(added.map((a) => a.state())).toEqual(['pending', 'pending', 'pending']);
    calls[1]!.resolve();
    calls[2]!.reject(new Error('nudge 2 is broken'));
    calls[3]!.resolve();
    await settle();
    expect(added.map((a) => a.state())).toEqual(['resolved', 'rejected: nudge 2 is broken', 'resolved']);
    expect(calls).toHaveLength(4);
  });

  it('rejects a lone timer at once, without retrying it, and keeps going afterwards', async () => {
    const { calls, deliver } = controllableDeliver();
    const batcher = nudgeBatcher({ deliver, maxInFlight: 1 });
    const lone = track(batcher.add('c1', t(1)));
    await settle();
    calls[0]!.reject(new Error('database down'));
    await settle();
    expect(lone.state()).toBe('rejected: database down');
    expect(calls).toHaveLength(1);
    // The failed batch gave its slot back.
    const next = track(batcher.add('c1', t(2)));
    await settle();
    expect(calls.map(ids)).toEqual([[1], [2]]);
    calls[1]!.resolve();
    await settle();
    expect(next.state()).toBe('resolved');
  });

  it('runs a pulled batch with no timers, joins a pull to timers already waiting, and keeps to maxInFlight', async () => {
    const { calls, deliver } = controllableDeliver();
    const batcher = nudgeBatcher({ deliver, maxInFlight: 1 });
    batcher.pull('c1');
    await settle();
    expect(calls.map((call) => [call.communityId, ids(call)])).toEqual([['c1', []]]);

    // While it runs: a timer of c1 waits, and a pull of c1 joins it rather than making a batch of its own.
    const waiting = track(batcher.add('c1', t(7)));
    batcher.pull('c1');
    await settle();
    expect(calls).toHaveLength(1);
    calls[0]!.resolve();
    await settle();
    expect(calls.map((call) => [call.communityId, ids(call)])).toEqual([
      ['c1', []],
      ['c1', [7]],
    ]);
    calls[1]!.resolve();
    await settle();
    expect(waiting.state()).toBe('resolved');
    expect(calls).toHaveLength(2);
  });
});
