import type { NudgeOutcome, NudgeTimer } from '../../../src/commands/use-cases/checkins/deliver-nudges';
import { scheduledTaskRunner, SYSTEM_ACTOR } from '../../../src/delivery/scheduled-task-runner';
import { COMMUNITY, person } from '../../helpers/command-harness';
import { createServerDatabase, type TestDatabase } from '../../helpers/test-databases';
import { waitFor } from '../jobs/wait-for';
import { at, buildWorld, snapshot, type Role, type World } from './nudge-batch-world';

/**
 * Nudge timers delivered in one batch (one transaction, set-based SQL) through the real core: every kind of
 * timer at once, and the same nudges delivered one by one in a twin database end up with the same rows. The
 * scenario and its twin worlds are built in nudge-batch-world.ts.
 */
describe('nudge timers delivered in one batch', () => {
  const databases: TestDatabase[] = [];
  const world = async (): Promise<World> => {
    const database = await createServerDatabase();
    databases.push(database);
    return buildWorld(database);
  };
  afterAll(async () => {
    await Promise.all(databases.map((database) => database.dispose()));
  });

  it('handles every kind of timer at once, answering in the order of the timers, and equals one-by-one delivery', async () => {
    const batched = await world();
    const { timer, pairing, database, bot } = batched;
    const { db } = database;
    const pausedUntil = (
      await db.query<{ paused_until: Date }>('SELECT paused_until FROM members WHERE id = $1', [person('pia')])
    ).rows[0]!.paused_until;
    expect(pausedUntil).toEqual(at('2026-04-09T22:00:00Z')); // midnight in Berlin (summer time)

    // Neither in id nor in role order, and the due nudge's timer twice.
    const timers = [timer.risk, timer.due, timer.ended, timer.stale, timer.paused, timer.ask, timer.due];
    expect(await batched.deliver(timers)).toEqual(['sent', 'sent', 'ended', 'stale', 'postponed', 'sent', 'sent']);

    // The messages: each once, the New York mentor's held until her working hours.
    const messages = (
      await db.query<{ recipient_id: string; kind: string; text: string; not_before: Date | null }>(
        `SELECT recipient_id, message->>'kind' AS kind, message->>'text' AS text, not_before FROM outbox
         WHERE id > $1 ORDER BY recipient_id, id`,
        [batched.outboxBefore],
      )
    ).rows;
    const byName = (name: string) => messages.filter((m) => m.recipient_id === person(name));
    expect(messages.map((m) => m.recipient_id).sort()).toEqual(
      ['ana', 'ben', 'sia', 'sam', 'ria', 'rob', 'mod'].map(person).sort(),
    );
    expect(byName('ana')).toEqual([
      {
        recipient_id: person('ana'),
        kind: 'nudge',
        text: '⏰ Time for a check-in with <@test:c1:ben> (you agreed every week). Did you meet?',
        not_before: at('2026-03-30T17:00:00Z'),
      },
    ]);
    expect(byName('ben')).toEqual([expect.objectContaining({ kind: 'nudge', not_before: null })]);
    expect(byName('sia')[0]!.text).toBe(
      'Your last 2 check-ins with <@test:c1:sam> went unanswered. Is the pairing still on? Busy seasons happen; a quick answer helps.',
    );
    expect(byName('sam')[0]!.text).toMatch(/^Your last 2 check-ins with <@test:c1:sia>/);
    expect(byName('ria')[0]!.text).toMatch(/^Your last 3 check-ins with <@test:c1:rob>/);
    expect(byName('rob')[0]!.text).toMatch(/^Your last 3 check-ins with <@test:c1:ria>/);
    expect(byName('mod')).toEqual([
      {
        recipient_id: person('mod'),
        kind: 'notice',
        text: '⚠️ The pairing <@test:c1:ria> → <@test:c1:rob> is at risk: 3 check-ins in a row went unanswered. `/mentor stats` lists at-risk pairs.',
        not_before: null,
      },
    ]);

    // The nudge rows, pairing by pairing.
    const nudgesOf = async (role: Role) =>
      (
        await db.query<{
          id: number;
          status: string;
          generation: number;
          due_at: Date;
          sent_at: Date | null;
          answered_at: Date | null;
        }>(
          'SELECT id, status, generation, due_at, sent_at, answered_at FROM checkin_nudges WHERE pairing_id = $1 ORDER BY id',
          [pairing[role]],
        )
      ).rows;
    const now = at('2026-03-30T12:30:00Z');
    const due = at('2026-03-30T12:00:00Z');
    const dueNudges = await nudgesOf('due');
    expect(dueNudges).toEqual([
      { id: timer.due.nudgeId, status: 'sent', generation: 0, due_at: due, sent_at: now, answered_at: null },
      // One cadence after it was due, not after it went out.
      {
        id: expect.any(Number),
        status: 'scheduled',
        generation: 0,
        due_at: at('2026-04-06T12:00:00Z'),
        sent_at: null,
        answered_at: null,
      },
    ]);
    expect(await nudgesOf('stale')).toEqual([
      expect.objectContaining({
        id: timer.stale.nudgeId,
        status: 'scheduled',
        generation: 1,
        due_at: at('2026-03-31T12:00:00Z'),
      }),
    ]);
    expect(await nudgesOf('ended')).toEqual([
      { id: timer.ended.nudgeId, status: 'cancelled', generation: 0, due_at: due, sent_at: null, answered_at: now },
    ]);
    expect(await nudgesOf('paused')).toEqual([
      {
        id: timer.paused.nudgeId,
        status: 'scheduled',
        generation: 1,
        due_at: pausedUntil,
        sent_at: null,
        answered_at: null,
      },
    ]);
    const askNudges = await nudgesOf('ask');
    expect(askNudges.map((n) => [n.status, n.answered_at])).toEqual([
      ['missed', at('2026-03-23T12:00:00Z')],
      ['missed', now],
      ['sent', null],
      ['scheduled', null],
    ]);
    expect(askNudges[2]).toMatchObject({ id: timer.ask.nudgeId, sent_at: now });
    const riskNudges = await nudgesOf('risk');
    expect(riskNudges.map((n) => n.status)).toEqual(['missed', 'missed', 'missed', 'sent', 'scheduled']);
    expect(riskNudges[2]!.answered_at).toEqual(now);

    // Misses, the at-risk flag and its audit row.
    const pairings = (
      await db.query<{ id: number; status: string; missed_checkins: number; at_risk: boolean }>(
        'SELECT id, status, missed_checkins, at_risk FROM pairings',
      )
    ).rows;
    const pairingRow = (role: Role) => pairings.find((p) => p.id === pairing[role]);
    expect(pairingRow('ask')).toMatchObject({ missed_checkins: 2, at_risk: false });
    expect(pairingRow('risk')).toMatchObject({ missed_checkins: 3, at_risk: true });
    expect(pairingRow('due')).toMatchObject({ missed_checkins: 0, at_risk: false });
    expect(pairingRow('paused')).toMatchObject({ missed_checkins: 0, at_risk: false });
    const audit = await db.query(
      `SELECT actor_id, details, created_at FROM audit_log WHERE action = 'pairing at risk'`,
    );
    expect(audit.rows).toEqual([
      { actor_id: SYSTEM_ACTOR.id, details: { pairingId: pairing.risk, missed: 3 }, created_at: now },
    ]);

    // The next check-ins: one for each nudge sent or moved, at its due time; none for the stale or ended ones.
    // All are days away, beyond the timer horizon: Postgres holds them and the reconciler sets their timers.
    const newId = (nudges: { id: number; status: string }[]) => nudges.find((n) => n.status === 'scheduled')!.id;
    const scheduled = await db.query<{ id: number; generation: number; due_at: Date }>(
      `SELECT id, generation, due_at FROM checkin_nudges WHERE status = 'scheduled' AND id = ANY($1::int[]) ORDER BY id`,
      [[newId(dueNudges), timer.paused.nudgeId, newId(askNudges), newId(riskNudges)]],
    );
    expect(scheduled.rows).toEqual(
      [
        { id: newId(dueNudges), generation: 0, due_at: at('2026-04-06T12:00:00Z') },
        { id: timer.paused.nudgeId, generation: 1, due_at: pausedUntil },
        { id: newId(askNudges), generation: 0, due_at: at('2026-04-06T12:00:00Z') },
        { id: newId(riskNudges), generation: 0, due_at: at('2026-04-06T12:00:00Z') },
      ].sort((a, b) => a.id - b.id),
    );
    expect(bot.scheduler.timers.size).toBe(0);

    // The same timer again, in a later batch: nothing more.
    const afterBatch = await snapshot(batched);
    bot.scheduler.timers.clear();
    expect(await batched.deliver([timer.due])).toEqual(['stale']);
    expect(await batched.deliver([timer.due, timer.due, timer.ask])).toEqual(['stale', 'stale', 'stale']);
    expect({ ...(await snapshot(batched)), timers: afterBatch.timers }).toEqual(afterBatch);
    expect(bot.scheduler.timers.size).toBe(0);

    // A twin world, the same nudges delivered one transaction each: the same rows come out.
    const twin = await world();
    expect(twin.timer).toEqual(timer);
    expect(await snapshot(twin)).not.toEqual(afterBatch); // the comparison can tell them apart
    const oneByOne: NudgeOutcome[] = [];
    for (const single of [...timers].sort((a, b) => a.nudgeId - b.nudgeId)) {
      oneByOne.push(...(await twin.deliver([single])));
    }
    expect(oneByOne.filter((o) => o === 'sent')).toHaveLength(3); // the repeated timer found its nudge sent
    expect(await snapshot(twin)).toEqual(afterBatch);
  });

  it('ends the same way when the scheduled-task runner receives the timers concurrently', async () => {
    const [batched, fired] = [await world(), await world()];
    const { timer } = batched;
    const timers = [timer.risk, timer.due, timer.ended, timer.stale, timer.paused, timer.ask, timer.due];
    await batched.deliver(timers);

    const { store } = fired.bot.deps;
    let transactions = 0;
    const runTask = scheduledTaskRunner({
      ...fired.bot.deps,
      store: { ...store, transaction: (work) => (transactions++, store.transaction(work)) },
    });
    await Promise.all(timers.map((t) => runTask({ type: 'nudge', communityId: COMMUNITY, ...t })));
    expect(transactions).toBe(1); // seven timers in one turn: one batch
    expect(await snapshot(fired)).toEqual(await snapshot(batched));
  });

  it('keeps taking batches of due nudges while a batch finds more due than it may take, with no other timer', async () => {
    const w = await world();
    const dueNow = async () =>
      (
        await w.database.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM checkin_nudges WHERE status = 'scheduled' AND due_at <= $1`,
          [w.bot.clock.now()],
        )
      ).rows[0]!.n;
    const waiting = await dueNow();
    expect(waiting).toBeGreaterThanOrEqual(4);
    const { store } = w.bot.deps;
    let transactions = 0;
    const runTask = scheduledTaskRunner(
      { ...w.bot.deps, store: { ...store, transaction: (work) => (transactions++, store.transaction(work)) } },
      undefined,
      { alsoDuePerBatch: 1 },
    );
    // One timer fires; each batch may take one more due nudge, and a batch that took its one pulls the next.
    await runTask({ type: 'nudge', communityId: COMMUNITY, ...w.timer.due });
    await waitFor(async () => (await dueNow()) === 0, 'every due nudge to be taken');
    // The fired one and one more per batch, then one batch that found none left.
    expect(transactions).toBe(waiting);
  });

  it('takes due nudges whose timers have not fired yet into the batch; those timers then need no transaction', async () => {
    const [batched, byRunner] = [await world(), await world()];
    const { timer } = batched;
    // The runner's batch: the fired timer, then every other due nudge, earliest first.
    const { rows: alsoDue } = await batched.database.db.query<NudgeTimer>(
      `SELECT id AS "nudgeId", generation FROM checkin_nudges
       WHERE status = 'scheduled' AND due_at <= $1 AND id <> $2 ORDER BY due_at, id`,
      [batched.bot.clock.now(), timer.due.nudgeId],
    );
    expect(alsoDue.length).toBeGreaterThanOrEqual(3);
    await batched.deliver([timer.due, ...alsoDue]);

    const { store } = byRunner.bot.deps;
    let transactions = 0;
    const runTask = scheduledTaskRunner({
      ...byRunner.bot.deps,
      store: { ...store, transaction: (work) => (transactions++, store.transaction(work)) },
    });
    await runTask({ type: 'nudge', communityId: COMMUNITY, ...timer.due });
    expect(transactions).toBe(1);
    for (const late of alsoDue) {
      await runTask({ type: 'nudge', communityId: COMMUNITY, ...late });
    }
    expect(transactions).toBe(1); // settled by the first batch, known to this process
    // The new check-ins are numbered in the order each batch wrote them; everything else is the same.
    const withoutNewIds = async (w: World) => {
      const { nudges, timers, ...rest } = await snapshot(w);
      const byPairing = (rows: object[]) =>
        rows.map((row) => JSON.stringify({ ...row, id: undefined, nudgeId: undefined })).sort();
      return { ...rest, nudges: byPairing(nudges), timers: byPairing(timers.map(([, t]) => ({ ...t, ...t.task }))) };
    };
    expect(await withoutNewIds(byRunner)).toEqual(await withoutNewIds(batched));
  });

  // An old timer of a moved nudge can fire in the same batch as the current one (both overdue after downtime).
  it('tells a stale generation from the current one of the same nudge in one batch, in either order', async () => {
    const { bot, deliver, pairing, database } = await world();
    // Both nudges moved after their first timer was set; the old timers fire late, with the new ones.
    const moved = await bot.store.transaction(async (tx) => [
      await tx.setNextNudge(COMMUNITY, pairing.due, at('2026-03-30T12:10:00Z')),
      await tx.setNextNudge(COMMUNITY, pairing.stale, at('2026-03-30T12:10:00Z')),
    ]);
    const [due, stale] = moved.map((n) => ({ nudgeId: n!.id, generation: n!.generation }));
    expect([due!.generation, stale!.generation]).toEqual([1, 2]);
    const old = (t: NudgeTimer): NudgeTimer => ({ nudgeId: t.nudgeId, generation: 0 });

    expect(await deliver([old(due!), due!, stale!, old(stale!)])).toEqual(['stale', 'sent', 'sent', 'stale']);
    const { rows } = await database.db.query<{ pairing_id: number; status: string }>(
      `SELECT pairing_id, status FROM checkin_nudges WHERE pairing_id = ANY($1::int[]) ORDER BY id`,
      [[pairing.due, pairing.stale]],
    );
    expect(rows).toEqual([
      { pairing_id: pairing.due, status: 'sent' },
      { pairing_id: pairing.stale, status: 'sent' },
      { pairing_id: pairing.due, status: 'scheduled' },
      { pairing_id: pairing.stale, status: 'scheduled' },
    ]);
  });
});
