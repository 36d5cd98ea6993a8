import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { redisSendLimiter } from '../../../jobs/redis-send-limiter';
import { memorySendLimiter } from '../../../src/delivery/memory-send-limiter';
import { grantInWindow, limitWindow, type SendLimiter } from '../../../src/ports/send-limiter';
import { testClock } from '../../helpers/command-harness';
import { deleteKeys, SHARED_REDIS } from './outbound-kit';

/**
 * The SendLimiter port: one suite for the in-process limiter (on a test clock) and the Redis one (wall clock,
 * shared development Redis, a fresh key prefix per limiter). Only counts and bounds are asserted on both;
 * exact waits only where the clock is the test's.
 */

/** 40 a second: windows of 100 ms, 4 messages each. */
const RATE = 40;
const { windowMs: WINDOW, perWindow: PER_WINDOW } = limitWindow(RATE);
/** Slack on a wall-clock sleep, so a wake-up lands past the edge it waited for (not a timing assertion). */
const EDGE_MS = 3;

interface Target {
  /** Limiters sharing one budget and pause (the Redis ones share a key prefix; memory makes one). */
  limiter(maxPerSecond?: number): SendLimiter;
  /** Starts a new, empty budget: limiters made after this share it, none before. */
  fresh(): void;
  now(): number;
  /** Lets `ms` pass (the test clock moves, or the wall clock is waited on). */
  pass(ms: number): Promise<void>;
}

function memoryTarget(): Target {
  // Mid-window, so nothing the test does in one "instant" crosses an edge.
  const clock = testClock(new Date(Date.UTC(2026, 2, 2, 12, 0, 0, 30)));
  let current: SendLimiter | null = null;
  let maxPerSecond = RATE;
  return {
    limiter(rate = RATE) {
      if (!current || rate !== maxPerSecond) current = memorySendLimiter({ maxPerSecond: rate, clock });
      maxPerSecond = rate;
      return current;
    },
    fresh() {
      current = null;
    },
    now: () => clock.now().getTime(),
    async pass(ms) {
      clock.advance(ms);
    },
  };
}

const redisRoot = `mblimit-${randomUUID()}`;
let redis: Redis | undefined;
const connection = (): Redis => (redis ??= new Redis({ ...SHARED_REDIS, maxRetriesPerRequest: 2 }));

function redisTarget(): Target {
  let prefix = `${redisRoot}:${randomUUID().slice(0, 8)}`;
  return {
    limiter: (maxPerSecond = RATE) => redisSendLimiter({ redis: connection(), prefix, maxPerSecond }),
    fresh() {
      prefix = `${redisRoot}:${randomUUID().slice(0, 8)}`;
    },
    now: () => Date.now(),
    pass: (ms) => new Promise((resolve) => setTimeout(resolve, ms + EDGE_MS)),
  };
}

afterAll(async () => {
  if (!redis) return;
  await deleteKeys(redis, `${redisRoot}*`);
  await redis.quit();
});

/**
 * Runs `steps` on a fresh budget until they all happened within one window of `windowMs` (on the wall clock a
 * window may end between two calls; then the steps are run again on a new budget). Returns their result.
 */
async function inOneWindow<T>(target: Target, windowMs: number, steps: () => Promise<T>): Promise<T> {
  for (let attempt = 0; attempt < 20; attempt++) {
    target.fresh();
    const start = Math.floor(target.now() / windowMs);
    const result = await steps();
    if (Math.floor(target.now() / windowMs) === start) return result;
  }
  throw new Error('never ran within one window');
}

const TARGETS: [string, () => Target][] = [
  ['memorySendLimiter', memoryTarget],
  ['redisSendLimiter', redisTarget],
];

describe.each(TARGETS)('SendLimiter contract: %s', (name, makeTarget) => {
  let target: Target;
  beforeEach(() => {
    target = makeTarget();
  });

  it('grants at most perWindow per window, and tells when the next window opens', async () => {
    const [first, second, nothing] = await inOneWindow(target, WINDOW, async () => {
      const limiter = target.limiter();
      return [await limiter.take(10), await limiter.take(3), await limiter.take(0)];
    });
    expect(first!.granted).toBe(PER_WINDOW);
    expect(first!.retryInMs).toBeGreaterThan(0);
    expect(first!.retryInMs).toBeLessThanOrEqual(WINDOW);
    expect(second!.granted).toBe(0);
    expect(second!.retryInMs).toBeGreaterThan(0);
    expect(second!.retryInMs).toBeLessThanOrEqual(first!.retryInMs);
    expect(nothing).toEqual({ granted: 0, retryInMs: 0 });
  });

  it('adds small takes up to the window budget, and asks for no wait while granting all', async () => {
    const answers = await inOneWindow(target, WINDOW, async () => {
      const limiter = target.limiter();
      const all = [];
      for (let i = 0; i < PER_WINDOW + 2; i++) all.push(await limiter.take(1));
      return all;
    });
    expect(answers.map((a) => a.granted)).toEqual([...Array(PER_WINDOW).fill(1), 0, 0]);
    expect(answers.slice(0, PER_WINDOW).every((a) => a.retryInMs === 0)).toBe(true);
    expect(answers.slice(PER_WINDOW).every((a) => a.retryInMs > 0 && a.retryInMs <= WINDOW)).toBe(true);
  });

  it('grants the rest in a later window', async () => {
    target.fresh();
    const limiter = target.limiter();
    let left = 3 * PER_WINDOW;
    const grants: number[] = [];
    for (let round = 0; left > 0 && round < 20; round++) {
      const { granted, retryInMs } = await limiter.take(left);
      grants.push(granted);
      left -= granted;
      if (left > 0) await target.pass(retryInMs);
    }
    expect(left).toBe(0);
    expect(grants.every((g) => g <= PER_WINDOW)).toBe(true);
    expect(grants.filter((g) => g > 0).length).toBeGreaterThanOrEqual(3);
  });

  it('at 5 a second, lets one message through per window', async () => {
    const slow = limitWindow(5);
    const [first, second] = await inOneWindow(target, slow.windowMs, async () => {
      const limiter = target.limiter(5);
      return [await limiter.take(3), await limiter.take(1)];
    });
    expect(first!.granted).toBe(1);
    expect(second!.granted).toBe(0);
    expect(second!.retryInMs).toBeGreaterThan(0);
    expect(second!.retryInMs).toBeLessThanOrEqual(slow.windowMs);
  });

  it('grants nothing while paused, saying how long the pause has left', async () => {
    target.fresh();
    const limiter = target.limiter();
    await limiter.pause(5_000);
    for (const count of [1, PER_WINDOW, 0]) {
      const answer = await limiter.take(count);
      expect(answer.granted).toBe(0);
      expect(answer.retryInMs).toBeGreaterThan(0);
      expect(answer.retryInMs).toBeLessThanOrEqual(5_000);
    }
  });

  it('grants again once the pause is over', async () => {
    target.fresh();
    const limiter = target.limiter();
    await limiter.pause(150);
    const paused = await limiter.take(2);
    expect(paused.granted).toBe(0);
    expect(paused.retryInMs).toBeGreaterThan(0);
    expect(paused.retryInMs).toBeLessThanOrEqual(150);
    await target.pass(paused.retryInMs);
    const resumed = await limiter.take(2);
    expect(resumed.granted).toBe(2);
  });

  // Two senders told to wait, say 5 s and then 1 s, must both be obeyed: the longer wait holds.
  it('keeps the longer pause when a shorter one comes after it', async () => {
    target.fresh();
    const limiter = target.limiter();
    await limiter.pause(5_000);
    await limiter.pause(100);
    const answer = await limiter.take(1);
    expect(answer.granted).toBe(0);
    expect(answer.retryInMs).toBeGreaterThan(100);
  });
});

describe('memorySendLimiter on a test clock', () => {
  const start = new Date(Date.UTC(2026, 2, 2, 12, 0, 0, 30)); // 30 ms into a 100 ms window

  it('points retryInMs exactly at the next window', async () => {
    const clock = testClock(start);
    const limiter = memorySendLimiter({ maxPerSecond: RATE, clock });
    expect(await limiter.take(10)).toEqual({ granted: 4, retryInMs: 70 });
    clock.advance(69);
    expect(await limiter.take(1)).toEqual({ granted: 0, retryInMs: 1 });
    clock.advance(1);
    expect(await limiter.take(10)).toEqual({ granted: 4, retryInMs: 100 });
    clock.advance(250);
    expect(await limiter.take(2)).toEqual({ granted: 2, retryInMs: 0 });
  });

  it('waits out a pause to the millisecond, then grants again', async () => {
    const clock = testClock(start);
    const limiter = memorySendLimiter({ maxPerSecond: RATE, clock });
    await limiter.pause(1_000);
    clock.advance(400);
    expect(await limiter.take(3)).toEqual({ granted: 0, retryInMs: 600 });
    clock.advance(599);
    expect(await limiter.take(3)).toEqual({ granted: 0, retryInMs: 1 });
    clock.advance(1);
    expect(await limiter.take(3)).toEqual({ granted: 3, retryInMs: 0 });
  });
});

describe('redisSendLimiter instances on one prefix', () => {
  const prefix = () => `${redisRoot}:${randomUUID().slice(0, 8)}`;
  const make = (p: string) => redisSendLimiter({ redis: connection(), prefix: p, maxPerSecond: RATE });

  it('share one budget per window', async () => {
    const target = redisTarget();
    const [a, b, again, elsewhere] = await inOneWindow(target, WINDOW, async () => {
      const shared = prefix();
      const [one, two, other] = [make(shared), make(shared), make(prefix())];
      return [await one.take(PER_WINDOW - 1), await two.take(3), await one.take(1), await other.take(PER_WINDOW)];
    });
    expect(a!.granted).toBe(PER_WINDOW - 1);
    expect(b!.granted).toBe(1);
    expect(again!.granted).toBe(0);
    // Another prefix is another deployment: its own budget.
    expect(elsewhere!.granted).toBe(PER_WINDOW);
  });

  it('share the pause', async () => {
    const shared = prefix();
    const [one, two, other] = [make(shared), make(shared), make(prefix())];
    await one.pause(5_000);
    const answer = await two.take(1);
    expect(answer.granted).toBe(0);
    expect(answer.retryInMs).toBeGreaterThan(0);
    expect(answer.retryInMs).toBeLessThanOrEqual(5_000);
    expect((await one.take(0)).retryInMs).toBeGreaterThan(0);
    expect((await other.take(1)).granted).toBe(1);
  });
});

describe('limitWindow', () => {
  it.each([
    [5, { windowMs: 200, perWindow: 1 }],
    [40, { windowMs: 100, perWindow: 4 }],
    [1e6, { windowMs: 100, perWindow: 100_000 }],
    [1, { windowMs: 1000, perWindow: 1 }],
    [10, { windowMs: 100, perWindow: 1 }],
    [50, { windowMs: 100, perWindow: 5 }],
    [3, { windowMs: 334, perWindow: 1 }],
  ])('%p a second → %p', (maxPerSecond, expected) => {
    expect(limitWindow(maxPerSecond)).toEqual(expected);
  });

  it('never lets more than the rate through in a second, and at least one message per window', () => {
    for (const rate of [0.5, 1, 2, 3, 5, 7, 9.5, 10, 11, 40, 45, 50, 99, 1000, 1e6]) {
      const { windowMs, perWindow } = limitWindow(rate);
      expect(windowMs).toBeGreaterThanOrEqual(100);
      expect(perWindow).toBeGreaterThanOrEqual(1);
      expect(Number.isInteger(perWindow)).toBe(true);
      if (rate >= 1) expect((perWindow * 1000) / windowMs).toBeLessThanOrEqual(rate);
    }
  });
});

describe('grantInWindow', () => {
  const window = { windowMs: 100, perWindow: 4 };

  it('grants what is left of the window, never more than asked and never below zero', () => {
    expect(grantInWindow(10, 0, window, 1_030)).toEqual({ granted: 4, retryInMs: 70 });
    expect(grantInWindow(10, 3, window, 1_030)).toEqual({ granted: 1, retryInMs: 70 });
    expect(grantInWindow(10, 4, window, 1_030)).toEqual({ granted: 0, retryInMs: 70 });
    expect(grantInWindow(10, 9, window, 1_030)).toEqual({ granted: 0, retryInMs: 70 });
    expect(grantInWindow(2, 1, window, 1_030)).toEqual({ granted: 2, retryInMs: 0 });
    expect(grantInWindow(0, 9, window, 1_030)).toEqual({ granted: 0, retryInMs: 0 });
  });

  it('counts the wait to the next window edge from any point of the window', () => {
    expect(grantInWindow(5, 0, window, 1_000)).toEqual({ granted: 4, retryInMs: 100 });
    expect(grantInWindow(5, 0, window, 1_099)).toEqual({ granted: 4, retryInMs: 1 });
    expect(grantInWindow(2, 0, { windowMs: 200, perWindow: 1 }, 450)).toEqual({ granted: 1, retryInMs: 150 });
    expect(grantInWindow(200_000, 0, limitWindow(1e6), 5)).toEqual({ granted: 100_000, retryInMs: 95 });
  });
});
