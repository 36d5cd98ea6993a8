import { runInContext } from '../../../src/commands/run-in-context';
import {
  deliverNudges,
  type NudgeOutcome,
  type NudgeTimer,
} from '../../../src/commands/use-cases/checkins/deliver-nudges';
import { SYSTEM_ACTOR } from '../../../src/delivery/scheduled-task-runner';
import { COMMUNITY, commandHarness, person, type Harness } from '../../helpers/command-harness';
import type { TestDatabase } from '../../helpers/test-databases';

/**
 * The scenario of the nudge batch tests (nudge-batches.test.ts): one community with a pairing for every kind of
 * nudge timer, built the same way in each fresh database so two worlds hold identical rows, and a snapshot of
 * what delivery changes. Each world is a database on the Postgres server (five PGlite worlds would take too
 * long); the bulk queries themselves run on both targets in test/integration/store/nudge-bulk-queries.test.ts.
 */

export const at = (iso: string): Date => new Date(iso);

/** The pairings of the scenario, by role; each has its own two people. */
export const PAIRS = {
  due: ['ana', 'ben'], // first nudge due: sent
  stale: ['sue', 'stu'], // its nudge moved since: the fired generation is stale
  ended: ['eve', 'eli'], // ended with its nudge still scheduled: cancelled
  paused: ['pat', 'pia'], // pia paused: postponed to the pause end
  ask: ['sia', 'sam'], // one miss so far, previous nudge unanswered: the 2nd miss asks "still on?"
  risk: ['ria', 'rob'], // two misses so far: the 3rd flags the pairing at risk
} as const;
export type Role = keyof typeof PAIRS;

export interface World {
  database: TestDatabase;
  bot: Harness;
  /** Pairing id of each role. */
  pairing: Record<Role, number>;
  /** The timer of each role as it fires in the batch. */
  timer: Record<Role, NudgeTimer>;
  /** Delivers timers in one transaction, as the batcher does. */
  deliver(timers: NudgeTimer[]): Promise<NudgeOutcome[]>;
  /** Highest outbox id before the batch. */
  outboxBefore: number;
}

export interface ScheduledNudge {
  id: number;
  generation: number;
}

export const scheduledNudgeOf = async (database: TestDatabase, pairingId: number): Promise<ScheduledNudge> => {
  const { rows } = await database.db.query<ScheduledNudge>(
    `SELECT id, generation FROM checkin_nudges WHERE pairing_id = $1 AND status = 'scheduled'`,
    [pairingId],
  );
  if (rows.length !== 1) throw new Error(`pairing ${pairingId} has ${rows.length} scheduled nudges`);
  return rows[0]!;
};

/**
 * Builds the same history in a fresh database every time (fixed clock, same commands in the same order), so
 * two worlds hold identical rows with identical ids. The batch fires on Monday 30 March 2026 at 12:30 UTC.
 */
export async function buildWorld(database: TestDatabase): Promise<World> {
  const bot = commandHarness(database.db, ['mod']);
  const deliver = async (timers: NudgeTimer[]): Promise<NudgeOutcome[]> => {
    const outcome = await runInContext(
      bot.deps,
      { communityId: COMMUNITY, communityName: '', actor: SYSTEM_ACTOR },
      (ctx) => deliverNudges(ctx, timers),
    );
    if (!outcome.ok || !('value' in outcome)) throw new Error(`delivery failed: ${JSON.stringify(outcome)}`);
    // The outcomes, whether deliverNudges returns them alone or with what else the batch settled.
    const value: unknown = outcome.value;
    return Array.isArray(value) ? (value as NudgeOutcome[]) : (value as { outcomes: NudgeOutcome[] }).outcomes;
  };
  const pairingOf = async (role: Role): Promise<number> => {
    const { rows } = await database.db.query<{ id: number }>('SELECT id FROM pairings WHERE mentor_id = $1', [
      person(PAIRS[role][0]),
    ]);
    return rows[0]!.id;
  };
  const fireNow = async (role: Role): Promise<void> => {
    const nudge = await scheduledNudgeOf(database, await pairingOf(role));
    expect(await deliver([{ nudgeId: nudge.id, generation: nudge.generation }])).toEqual(['sent']);
  };
  const pair = async (role: Role): Promise<void> => {
    const [mentor, mentee] = PAIRS[role];
    expect(await bot.as('mod', `pair @${mentor} @${mentee}`)).not.toMatch(/can't|cannot|not /i);
  };

  // Monday 2 March 2026, 12:00 UTC. New York is quiet until 13:00 local (17:00 UTC), Berlin is not at 12:xx UTC.
  await bot.as('mod', 'config moderators add @mod');
  await bot.as('mod', 'config quiet-hours 20:00-13:00');
  await bot.as('mod', 'config misses-before-ask 2');
  await bot.as('mod', 'config misses-before-at-risk 3');
  for (const [mentor, mentee] of Object.values(PAIRS)) {
    const tz = mentor === 'ana' ? 'America/New_York' : 'Europe/Berlin';
    await bot.as(mentor, `join mentor skills: pricing tz: ${tz} capacity: 2 cadence: weekly`);
    await bot.as(mentee, 'join mentee goals: pricing tz: Europe/Berlin cadence: weekly');
  }
  await pair('risk');
  bot.clock.set(at('2026-03-09T12:00:00Z'));
  await fireNow('risk'); // sent; nothing was open
  await pair('ask');
  bot.clock.set(at('2026-03-16T12:00:00Z'));
  await fireNow('risk'); // miss 1
  await fireNow('ask'); // sent; nothing was open
  bot.clock.set(at('2026-03-23T12:00:00Z'));
  await fireNow('risk'); // miss 2 ("still on?")
  await fireNow('ask'); // miss 1
  await pair('due');
  await pair('stale');
  await pair('ended');
  await pair('paused');
  await bot.as('pia', 'pause until 2026-04-10');

  const pairing = {} as Record<Role, number>;
  for (const role of Object.keys(PAIRS) as Role[]) pairing[role] = await pairingOf(role);
  const timer = {} as Record<Role, NudgeTimer>;
  for (const role of Object.keys(PAIRS) as Role[]) {
    const nudge = await scheduledNudgeOf(database, pairing[role]);
    timer[role] = { nudgeId: nudge.id, generation: nudge.generation };
  }
  // The stale pairing's nudge moved a day (generation 1) after its first timer was set.
  await bot.store.transaction((tx) => tx.setNextNudge(COMMUNITY, pairing.stale, at('2026-03-31T12:00:00Z')));
  // Ended by an older release that left its nudge scheduled: the timer must still not chase it.
  await database.db.query(
    `UPDATE pairings SET status = 'ended', ended_at = $2, ended_by = $3, end_reason = 'done' WHERE id = $1`,
    [pairing.ended, at('2026-03-24T12:00:00Z'), person('eve')],
  );

  const { rows } = await database.db.query<{ id: number }>('SELECT coalesce(max(id), 0)::int AS id FROM outbox');
  bot.clock.set(at('2026-03-30T12:30:00Z'));
  bot.scheduler.timers.clear();
  return { database, bot, pairing, timer, deliver, outboxBefore: rows[0]!.id };
}

/** Everything the batch may change, for comparing two worlds (outbox ids aside: they are only a queue order). */
export async function snapshot(world: World) {
  const { db } = world.database;
  const rows = async (sql: string) => (await db.query(sql)).rows;
  const outbox = (await rows(
    `SELECT community_id, recipient_id, message, created_at, not_before, claimed_until, attempts FROM outbox`,
  )) as Record<string, unknown>[];
  return {
    outbox: outbox.map((row) => JSON.stringify(row)).sort(),
    nudges: await rows('SELECT * FROM checkin_nudges ORDER BY id'),
    pairings: await rows('SELECT id, status, missed_checkins, at_risk FROM pairings ORDER BY id'),
    audit: await rows(`SELECT community_id, actor_id, action, details, created_at FROM audit_log ORDER BY id`),
    timers: [...world.bot.scheduler.timers.entries()].sort(([a], [b]) => a.localeCompare(b)),
  };
}
