import { randomUUID } from 'node:crypto';
import { openDatabase } from '../../../db/open-database';
import { postgresStore } from '../../../db/postgres-store';
import type { SqlDatabase } from '../../../db/sql-client';
import { commandRunner } from '../../../src/commands/run-command';
import type { Reply } from '../../../src/domain/message';
import { testClock } from '../../helpers/command-harness';
import { startPrivatePostgres, type PrivatePostgres } from '../../helpers/private-postgres';
import { recordingScheduler } from '../../helpers/recording-scheduler';
import { silentLogger } from '../../helpers/silent-logger';

/**
 * Postgres crashes (pg_ctl stop -m immediate on a private server) while commands keep arriving, then comes back
 * on the same port. Every command in the outage gets the "try again" sentence; after the restart each command
 * is either wholly applied or not at all; and the bot's own pool recovers with no restart of the bot.
 */

jest.setTimeout(60_000);

const C = 'test:pgfault';
const id = (name: string) => `${C}:${name}`;
const TRY_AGAIN = /^I could not reach my database just now, so nothing was changed; please try again in a minute\.$/;

let server: PrivatePostgres | undefined;
let db: SqlDatabase | undefined;

afterAll(async () => {
  await db?.close().catch(() => undefined);
  server?.dispose();
});

it('answers "try again" during the outage, applies nothing by halves, and recovers by itself', async () => {
  server = await startPrivatePostgres();
  db = await openDatabase({ databaseUrl: server.url, dataDir: '/nonexistent' });
  const logger = silentLogger();
  const run = commandRunner({
    store: postgresStore(db),
    clock: testClock(),
    logger,
    newId: randomUUID,
    scheduler: recordingScheduler(),
  });
  const send = (name: string, text: string): Promise<Reply> =>
    run({
      communityId: C,
      communityName: 'Faults',
      actor: { id: id(name), displayName: name, isAdmin: name === 'mod' },
      eventId: randomUUID(),
      input: text.replace(/@(\w+)/g, (_m, n: string) => `<@${id(n)}>`),
    });

  for (let m = 0; m < 5; m++) {
    expect((await send(`m${m}`, 'join mentor skills: pricing tz: UTC capacity: 20')).text).toMatch(/^Welcome/);
  }

  /** What each newcomer was told: their join, then the moderator pairing them. */
  const outcomes: { name: string; join: Reply; pair: Reply | null }[] = [];
  let next = 0;
  /** One newcomer: joins, then (if that worked) is paired with a mentor; both run while the server may die. */
  const newcomer = async (): Promise<void> => {
    const name = `u${next++}`;
    const join = await send(name, 'join mentee goals: pricing tz: UTC');
    const pair = join.refused || !/^Welcome/.test(join.text) ? null : await send('mod', `pair @m${next % 5} @${name}`);
    outcomes.push({ name, join, pair });
  };

  // Before: all is well.
  for (let i = 0; i < 10; i++) await newcomer();
  expect(outcomes.every((o) => /^Welcome/.test(o.join.text) && /^Paired/.test(o.pair!.text))).toBe(true);

  // The crash lands while a wave of commands is in flight; more keep arriving during the outage.
  const inFlight = Array.from({ length: 8 }, () => newcomer());
  await new Promise((resolve) => setImmediate(resolve));
  server.crash();
  await Promise.all(inFlight);
  const duringOutage: Reply[] = [];
  for (let i = 0; i < 10; i++) {
    const before = outcomes.length;
    await newcomer();
    duringOutage.push(...outcomes.slice(before).flatMap((o) => [o.join, ...(o.pair ? [o.pair] : [])]));
  }
  expect(duringOutage.length).toBeGreaterThanOrEqual(10);
  for (const reply of duringOutage) {
    expect(reply.text).toMatch(TRY_AGAIN);
  }

  // Back on the same port: the same pool (no new openDatabase) serves commands again.
  await server.start();
  const after: Reply[] = [];
  for (let i = 0; i < 12; i++) {
    const before = outcomes.length;
    await newcomer();
    after.push(...outcomes.slice(before).map((o) => o.join));
  }
  // A pooled connection that died with the server may fail one first try, with the same sentence; then it works.
  const firstOk = after.findIndex((r) => /^Welcome/.test(r.text));
  expect(firstOk).toBeGreaterThanOrEqual(0);
  expect(firstOk).toBeLessThanOrEqual(3);
  for (const reply of after.slice(0, firstOk)) expect(reply.text).toMatch(TRY_AGAIN);
  for (const reply of after.slice(firstOk)) expect(reply.text).toMatch(/^Welcome/);
  expect(outcomes.slice(-8).every((o) => o.pair && /^Paired/.test(o.pair.text))).toBe(true);

  // Nobody was shown the apology for a bug, and nothing was logged as one.
  for (const o of outcomes) {
    for (const reply of [o.join, o.pair]) {
      if (reply) expect(reply.text).toMatch(/^(Welcome|Paired)|try again in a minute/);
    }
  }
  expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);

  // All or nothing: a member exists exactly when their join said so; a pairing exactly when the pair said so,
  // and each pairing has its intro in the outbox and its one upcoming check-in.
  const members = new Set(
    (await db.query<{ id: string }>('SELECT id FROM members WHERE community_id = $1', [C])).rows.map((r) => r.id),
  );
  const { rows: pairings } = await db.query<{ id: number; mentee_id: string }>(
    'SELECT id, mentee_id FROM pairings WHERE community_id = $1',
    [C],
  );
  const paired = new Set(pairings.map((p) => p.mentee_id));
  for (const o of outcomes) {
    expect([o.name, members.has(id(o.name))]).toEqual([o.name, /^Welcome/.test(o.join.text)]);
    expect([o.name, paired.has(id(o.name))]).toEqual([o.name, !!o.pair && /^Paired/.test(o.pair.text)]);
  }
  const { rows: intros } = await db.query<{ mentee: string; n: number }>(
    `SELECT message->'participants'->>1 AS mentee, count(*)::int AS n FROM outbox
     WHERE community_id = $1 AND message->>'kind' = 'intro' GROUP BY 1`,
    [C],
  );
  expect(new Map(intros.map((r) => [r.mentee, r.n]))).toEqual(new Map(pairings.map((p) => [p.mentee_id, 1])));
  const { rows: nudges } = await db.query<{ pairing_id: number; n: number }>(
    `SELECT pairing_id, count(*)::int AS n FROM checkin_nudges WHERE community_id = $1 GROUP BY 1`,
    [C],
  );
  expect(new Map(nudges.map((r) => [r.pairing_id, r.n]))).toEqual(new Map(pairings.map((p) => [p.id, 1])));
});
