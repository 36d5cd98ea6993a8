import { scheduledTaskRunner } from '../../../src/delivery/scheduled-task-runner';
import type { ScheduledTask } from '../../../src/ports/scheduler';
import { commandHarness, person, type Harness } from '../../helpers/command-harness';
import { nudgeTimer } from '../../helpers/recording-scheduler';
import { createPgliteDatabase, type TestDatabase } from '../../helpers/test-databases';

describe('check-in nudges', () => {
  let database: TestDatabase;
  let bot: Harness;
  let runTask: (task: ScheduledTask) => Promise<void>;

  beforeEach(async () => {
    database = database ?? (await createPgliteDatabase());
    await database.db.exec('TRUNCATE communities, pairings, processed_events, outbox RESTART IDENTITY CASCADE');
    bot = commandHarness(database.db, ['mod']);
    runTask = scheduledTaskRunner(bot.deps);
    // Monday 2 March 2026, 12:00 UTC. Ana works in New York, Ben in Berlin.
    await bot.as('mod', 'config moderators add @mod');
    await bot.as('ana', 'join mentor skills: pricing tz: America/New_York capacity: 2 cadence: weekly');
    await bot.as('ben', 'join mentee goals: pricing tz: Europe/Berlin cadence: weekly');
    await bot.as('mod', 'pair @ana @ben');
  });
  afterAll(() => database.dispose());

  const nudges = async () =>
    (
      await database.db.query<{ id: number; status: string; generation: number; due_at: Date }>(
        'SELECT id, status, generation, due_at FROM checkin_nudges ORDER BY id',
      )
    ).rows;
  const messagesTo = async (name: string, kind = 'nudge') =>
    (
      await database.db.query<{ text: string; actions: { command: string }[] | null; not_before: Date | null }>(
        `SELECT message->>'text' AS text, message->'actions' AS actions, not_before FROM outbox
         WHERE recipient_id = $1 AND message->>'kind' = $2 ORDER BY id`,
        [person(name), kind],
      )
    ).rows;
  /** Moves the clock to the timer's time and fires it, as the scheduler would. */
  const fire = async (id: string) => {
    const timer = await nudgeTimer(bot, id);
    bot.clock.set(timer.at);
    await runTask(timer.task);
  };
  /** A timer that fires late, for a nudge (and generation) that may have moved on. */
  const staleTimer = (nudgeId: number, generation: number): ScheduledTask => ({
    type: 'nudge',
    communityId: 'test:c1',
    nudgeId,
    generation,
  });

  it('sets the first check-in one cadence after the pairing starts', async () => {
    expect(await nudges()).toEqual([
      { id: 1, status: 'scheduled', generation: 0, due_at: new Date('2026-03-09T12:00:00Z') },
    ]);
    // A week away: beyond the timer horizon, so Postgres holds it and the reconciler sets the timer later.
    expect(bot.scheduler.timers.has('nudge:1:0')).toBe(false);
    expect(await nudgeTimer(bot, 'nudge:1:0')).toEqual({
      at: new Date('2026-03-09T12:00:00Z'),
      task: { type: 'nudge', communityId: 'test:c1', nudgeId: 1, generation: 0 },
    });
  });

  it('nudges both sides in their working hours, with one-click answers, once even if the timer fires twice', async () => {
    await bot.as('mod', 'config quiet-hours 20:00-13:00');
    await fire('nudge:1:0');
    await runTask(staleTimer(1, 0));
    const ana = await messagesTo('ana');
    const ben = await messagesTo('ben');
    expect(ana).toHaveLength(1);
    expect(ben).toHaveLength(1);
    expect(ana[0]!.text).toBe('⏰ Time for a check-in with <@test:c1:ben> (you agreed every week). Did you meet?');
    expect(ana[0]!.actions!.map((a) => a.command)).toEqual([
      'nudge 1 met',
      'nudge 1 snooze',
      'nudge 1 skip',
      'nudge 1 help',
    ]);
    // 12:00 UTC is 08:00 in New York (quiet until 13:00 there, i.e. 17:00 UTC) and 13:00 in Berlin (not quiet).
    expect(ana[0]!.not_before).toEqual(new Date('2026-03-09T17:00:00Z'));
    expect(ben[0]!.not_before).toBeNull();
    expect((await nudges()).map((n) => [n.id, n.status])).toEqual([
      [1, 'sent'],
      [2, 'scheduled'],
    ]);
    expect((await nudgeTimer(bot, 'nudge:2:0')).at).toEqual(new Date('2026-03-16T12:00:00Z'));
  });

  it('logs the check-in from the "We met" button and moves the next one a cadence from now', async () => {
    await fire('nudge:1:0');
    bot.clock.advance(60 * 60 * 1000);
    expect(await bot.as('ana', 'nudge 1 met')).toBe('Check-in logged with <@test:c1:ben>. 🙌');
    expect(await bot.as('ben', 'nudge 1 met')).toBe('This check-in was already logged as met.');
    const checkIns = await database.db.query('SELECT logged_by FROM check_ins');
    expect(checkIns.rows).toEqual([{ logged_by: person('ana') }]);
    expect((await nudges()).map((n) => [n.status, n.generation, n.due_at])).toEqual([
      ['met', 0, new Date('2026-03-09T12:00:00Z')],
      ['scheduled', 1, new Date('2026-03-16T13:00:00Z')],
    ]);
    // The old timer finds a newer generation and does nothing.
    await runTask(staleTimer(2, 0));
    expect(await messagesTo('ana')).toHaveLength(1);
    expect(await bot.as('carl', 'nudge 1 met')).toBe('That check-in reminder is not one of yours.');
  });

  it('asks "still on?" after the set number of misses, then flags the pairing at risk and tells moderators', async () => {
    await fire('nudge:1:0');
    await fire('nudge:2:0');
    await fire('nudge:3:0');
    const third = (await messagesTo('ana'))[2]!;
    expect(third.text).toBe(
      'Your last 2 check-ins with <@test:c1:ben> went unanswered. Is the pairing still on? Busy seasons happen; a quick answer helps.',
    );
    expect(third.actions!.map((a) => a.command)).toEqual([
      'nudge 3 still-on',
      `end <@${person('ben')}> no longer active`,
    ]);
    expect(await messagesTo('mod', 'notice')).toEqual([]);
    await fire('nudge:4:0');
    const alerts = await messagesTo('mod', 'notice');
    expect(alerts.map((a) => a.text)).toEqual([
      '⚠️ The pairing <@test:c1:ana> → <@test:c1:ben> is at risk: 3 check-ins in a row went unanswered. `/mentor stats` lists at-risk pairs.',
    ]);
    expect(await bot.as('mod', 'stats')).toContain('*Pairs*: 1 active, 1 at risk, 0 ended');
    await fire('nudge:5:0');
    expect(await messagesTo('mod', 'notice')).toHaveLength(1);
    // One check-in clears it all.
    expect(await bot.as('ben', 'checkin we talked after all')).toContain('Check-in logged');
    expect(await bot.as('mod', 'stats')).toContain('*Pairs*: 1 active, 0 at risk, 0 ended');
    const pairing = await database.db.query('SELECT missed_checkins, at_risk FROM pairings');
    expect(pairing.rows).toEqual([{ missed_checkins: 0, at_risk: false }]);
  });

  it('does not count a skipped check-in as missed, and snoozes a day into working hours', async () => {
    await fire('nudge:1:0');
    expect(await bot.as('ana', 'nudge 1 skip')).toBe('Skipped; it does not count as missed. See you at the next one.');
    await fire('nudge:2:0');
    expect(await bot.as('ben', 'nudge 2 snooze')).toBe(
      'Snoozed: I will remind you again tomorrow, in your working hours.',
    );
    const ben = await messagesTo('ben');
    expect(ben).toHaveLength(3);
    expect(ben[2]!.not_before).toEqual(new Date('2026-03-17T12:00:00Z'));
    await fire('nudge:3:0');
    const pairing = await database.db.query('SELECT missed_checkins FROM pairings');
    expect(pairing.rows).toEqual([{ missed_checkins: 1 }]);
  });

  it('waits while someone is paused, and stops when the pairing ends', async () => {
    await bot.as('ben', 'pause until 2026-03-20');
    await fire('nudge:1:0');
    expect(await messagesTo('ana')).toEqual([]);
    const moved = await nudges();
    expect(moved).toEqual([{ id: 1, status: 'scheduled', generation: 1, due_at: new Date('2026-03-19T23:00:00Z') }]);
    await bot.as('ana', 'end not a fit');
    // Its timer, if one was set, fires after the end and sends nothing.
    bot.clock.set(new Date('2026-03-19T23:00:00Z'));
    await runTask(staleTimer(1, 1));
    expect(await messagesTo('ana')).toEqual([]);
    expect((await nudges())[0]!.status).toBe('cancelled');
  });

  it('asks the moderators for help from the button', async () => {
    await fire('nudge:1:0');
    expect(await bot.as('ben', 'nudge 1 help')).toBe('A moderator has been told and will reach out to you.');
    expect((await messagesTo('mod', 'notice')).map((m) => m.text)).toEqual([
      '🙋 <@test:c1:ben> asked for help with their pairing with <@test:c1:ana>.',
    ]);
  });
});
