import { inFlightWork } from '../../../src/lifecycle/in-flight-work';

/** A promise and the function that settles it. */
function gate<T = void>(): { promise: Promise<T>; open: (value: T) => void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

describe('inFlightWork', () => {
  it('is idle at once when nothing runs', async () => {
    const work = inFlightWork();
    await expect(work.idle()).resolves.toBeUndefined();
    expect(work.count).toBe(0);
  });

  it('becomes idle only when the last running piece finished, whether it succeeded or threw', async () => {
    const work = inFlightWork();
    const first = gate<string>();
    const second = gate();
    const a = work.run(() => first.promise);
    const b = work.run(async () => {
      await second.promise;
      throw new Error('command failed');
    });
    expect(work.count).toBe(2);
    let idle = false;
    const waiting = work.idle().then(() => (idle = true));
    first.open('answer');
    await expect(a).resolves.toBe('answer');
    expect(idle).toBe(false);
    expect(work.count).toBe(1);
    second.open();
    await expect(b).rejects.toThrow('command failed');
    await waiting;
    expect(idle).toBe(true);
    expect(work.count).toBe(0);
  });

  it('counts nested work (a Slack request around its command) once each', async () => {
    const work = inFlightWork();
    const inner = gate();
    const outer = work.run(() => work.run(() => inner.promise));
    expect(work.count).toBe(2);
    inner.open();
    await outer;
    await work.idle();
    expect(work.count).toBe(0);
  });
});
