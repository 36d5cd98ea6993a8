import { inProcessScheduler } from '../../../jobs/in-process-scheduler';
import type { Clock } from '../../../src/ports/clock';
import type { ScheduledTask, Scheduler } from '../../../src/ports/scheduler';
import { silentLogger } from '../../helpers/silent-logger';
import { waitFor } from './wait-for';

/**
 * What only the in-process scheduler has to get right (the shared behaviour is in scheduler-contract):
 * due times follow the injected wall clock, and waits longer than setTimeout's limit do not fire early.
 */
const round = (communityId: string): ScheduledTask => ({ type: 'round', communityId });
const DAY = 24 * 3600 * 1000;

function manualClock(start: number): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

let scheduler: Scheduler | undefined;
afterEach(async () => {
  await scheduler?.stop();
  jest.restoreAllMocks();
});

it('runs tasks when the injected clock reaches them, even 40 days out', async () => {
  const clock = manualClock(Date.UTC(2030, 0, 1));
  const delays: number[] = [];
  const realSetTimeout = global.setTimeout;
  jest.spyOn(global, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
    delays.push(ms ?? 0);
    return realSetTimeout(fn, ms);
  }) as typeof setTimeout);

  const seen: string[] = [];
  // A poll interval above the timer limit must be clamped, or Node would fire the timer at once.
  scheduler = inProcessScheduler({ clock, logger: silentLogger(), pollIntervalMs: 2 ** 40 });
  await scheduler.start(async (task) => {
    if (task.type === 'round') seen.push(task.communityId);
  });
  await scheduler.schedule('far', new Date(clock.now().getTime() + 40 * DAY), round('far'));
  await scheduler.schedule('near', clock.now(), round('near'));
  await waitFor(() => seen.includes('near'), 'due task to run');
  expect(seen).toEqual(['near']);
  expect(Math.max(...delays)).toBeLessThanOrEqual(2 ** 31 - 1);
  expect(await scheduler.pendingIds()).toEqual(new Set(['far']));
});

it('notices a wall clock that jumps forward within the poll interval', async () => {
  const clock = manualClock(Date.UTC(2030, 0, 1));
  const seen: string[] = [];
  scheduler = inProcessScheduler({ clock, logger: silentLogger(), pollIntervalMs: 20 });
  await scheduler.start(async (task) => {
    if (task.type === 'round') seen.push(task.communityId);
  });
  await scheduler.schedule('tomorrow', new Date(clock.now().getTime() + DAY), round('tomorrow'));
  // Recurring schedules follow the same clock: next 09:00 in Berlin is on 1 January, 08:00 UTC.
  await scheduler.repeat('daily', '0 9 * * *', 'Europe/Berlin', round('daily'));
  clock.advance(8 * 3600 * 1000);
  await waitFor(() => seen.includes('daily'), 'recurring task at its local time');
  expect(seen).toEqual(['daily']);
  clock.advance(DAY);
  await waitFor(() => seen.includes('tomorrow'), 'task after the clock jumped');
  expect(seen.filter((s) => s === 'daily')).toHaveLength(2);
  expect(await scheduler.pendingIds()).toEqual(new Set());
});
