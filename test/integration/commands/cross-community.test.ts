import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from '../../../db/sql-client';
import { postgresStore } from '../../../db/postgres-store';
import { commandRunner } from '../../../src/commands/run-command';
import type { CoreDeps } from '../../../src/commands/run-in-context';
import type { Reply } from '../../../src/domain/message';
import { testClock } from '../../helpers/command-harness';
import { recordingScheduler, type RecordingScheduler } from '../../helpers/recording-scheduler';
import { silentLogger } from '../../helpers/silent-logger';
import { createPgliteDatabase, type TestDatabase } from '../../helpers/test-databases';

/**
 * One community never sees or changes another's data (PRODUCT.md, privacy): community A's moderator and members
 * run every command that names people, pairings, nudges, requests or events, naming community B's (forged
 * mention tokens, B's numbers, B's event ids, even an actor whose id is B's own member). B's rows stay exactly
 * as they were, and nothing A is told (replies, A's outbox, A's timers, A's export) carries B's data.
 */

const A = 'slack:TAAAA';
const B = 'slack:TBBBB';
const a = (user: string): string => `${A}:${user}`;
const b = (user: string): string => `${B}:${user}`;
const tag = (id: string): string => `<@${id}>`;

/** B's private and identifying text: none of it may reach anything A sees. */
const B_SECRETS = {
  mentorName: 'Zebulon Bravo-Mentor',
  menteeName: 'Ysolde Bravo-Mentee',
  otherName: 'Xanthe Bravo-Other',
  skill: 'bravo-only-skill',
  goalOfMentee: 'bravo-only-goal',
  note: 'bravo private note about rent',
  goalText: 'bravo pair goal: raise rates',
  thanks: 'bravo thanks for the invoice help',
  reason: 'bravo end reason: schedule clash',
  feedback: 'bravo feedback comment',
  welcome: 'bravo welcome text',
};

let database: TestDatabase;
let db: SqlDatabase;
let scheduler: RecordingScheduler;
let run: ReturnType<typeof commandRunner>;
const clock = testClock();

async function as(
  community: string,
  actorId: string,
  text: string,
  options: { admin?: boolean; name?: string; eventId?: string } = {},
): Promise<Reply> {
  return run({
    communityId: community,
    communityName: community === A ? 'Alpha' : 'Bravo',
    actor: { id: actorId, displayName: options.name ?? actorId.split(':').pop()!, isAdmin: options.admin ?? false },
    eventId: options.eventId ?? randomUUID(),
    input: text,
  });
}

async function ok(
  community: string,
  actorId: string,
  text: string,
  options: { admin?: boolean; name?: string } = {},
): Promise<Reply> {
  const reply = await as(community, actorId, text, options);
  expect(reply.refused).toBeFalsy();
  expect(reply.text).not.toMatch(/something went wrong/i);
  return reply;
}

/** Every table with a community_id column, or reached through a pairing, filtered to B; new tables are covered. */
async function snapshotOf(community: string): Promise<Record<string, string[]>> {
  const { rows: columns } = await db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND column_name IN ('community_id', 'pairing_id', 'id')`,
  );
  const tables = new Map<string, Set<string>>();
  for (const c of columns) tables.set(c.table_name, (tables.get(c.table_name) ?? new Set()).add(c.column_name));
  const out: Record<string, string[]> = {};
  for (const [table, cols] of [...tables].sort()) {
    let where: string;
    if (table === 'communities') where = 'x.id = $1';
    else if (cols.has('community_id')) where = 'x.community_id = $1';
    else if (cols.has('pairing_id')) where = 'x.pairing_id IN (SELECT id FROM pairings WHERE community_id = $1)';
    else continue; // schema_migrations, slack_installations: no community data
    const { rows } = await db.query<{ row: string }>(
      `SELECT row_to_json(x)::text AS row FROM ${table} x WHERE ${where}`,
      [community],
    );
    out[table] = rows.map((r) => r.row).sort();
  }
  return out;
}

/** Ids of things in B that A might try to name by number. */
let bIds: { pairing: number; endedPairing: number; nudge: number; request: number; round: number; eventId: string };

beforeAll(async () => {
  database = await createPgliteDatabase();
  db = database.db;
  scheduler = recordingScheduler();
  const deps: CoreDeps = { store: postgresStore(db), clock, logger: silentLogger(), newId: randomUUID, scheduler };
  run = commandRunner(deps);

  // Community B: members, an active pairing with check-ins, goals, thanks; an ended pairing with feedback;
  // a block, a pending request, settings, and an open draft round.
  const bm = b('UMENTOR');
  const be = b('UMENTEE');
  const bo = b('UOTHER');
  const bx = b('UEXTRA');
  await ok(B, b('UMOD'), `config welcome ${B_SECRETS.welcome}`, { admin: true });
  await ok(B, b('UMOD'), 'config cadence weekly', { admin: true });
  await ok(B, b('UMOD'), 'round schedule 0 10 * * 1#1', { admin: true });
  await ok(B, bm, `join mentor skills: ${B_SECRETS.skill}, pricing tz: Europe/Berlin capacity: 3`, {
    name: B_SECRETS.mentorName,
  });
  await ok(B, be, `join mentee goals: ${B_SECRETS.goalOfMentee}, pricing tz: Europe/Berlin`, {
    name: B_SECRETS.menteeName,
  });
  await ok(B, bo, `join both skills: pricing goals: ${B_SECRETS.goalOfMentee} tz: Asia/Tokyo capacity: 1`, {
    name: B_SECRETS.otherName,
  });
  await ok(B, bx, 'join mentee goals: pricing tz: UTC', { name: 'Extra Bravo' });
  await ok(B, b('UMOD'), `pair ${tag(bm)} ${tag(be)}`, { admin: true });
  await ok(B, be, `checkin ${B_SECRETS.note}`);
  await ok(B, be, `goal add ${B_SECRETS.goalText}`);
  await ok(B, be, `thanks ${tag(bm)} ${B_SECRETS.thanks}`);
  await ok(B, b('UMOD'), `pair ${tag(bo)} ${tag(bx)}`, { admin: true });
  await ok(B, bx, `end ${B_SECRETS.reason}`);
  await ok(B, be, `block ${tag(bo)}`);
  await ok(B, bx, `request ${tag(bm)}`);
  const eventId = randomUUID();
  await as(B, bm, 'profile', { eventId });
  await ok(B, b('UMOD'), 'round preview', { admin: true });

  const one = async <T>(sql: string): Promise<T> => (await db.query<{ v: T }>(sql, [B])).rows[0]!.v;
  const endedPairing = await one<number>("SELECT id AS v FROM pairings WHERE community_id = $1 AND status = 'ended'");
  await ok(B, bx, `feedback ${endedPairing} 2 ${B_SECRETS.feedback}`);
  // A nudge that was sent, so its buttons would work for its own pair.
  const nudge = await one<number>('SELECT id AS v FROM checkin_nudges WHERE community_id = $1 ORDER BY id LIMIT 1');
  await db.query("UPDATE checkin_nudges SET status = 'sent', sent_at = now() WHERE id = $1", [nudge]);
  bIds = {
    pairing: await one<number>(
      "SELECT id AS v FROM pairings WHERE community_id = $1 AND status = 'active' ORDER BY id LIMIT 1",
    ),
    endedPairing,
    nudge,
    request: await one<number>(
      "SELECT id AS v FROM mentor_requests WHERE community_id = $1 AND status = 'pending' LIMIT 1",
    ),
    round: await one<number>("SELECT id AS v FROM rounds WHERE community_id = $1 AND status = 'draft'"),
    eventId,
  };

  // Community A: a small program of its own, so A's commands get past "not joined" into real work.
  await ok(A, a('UMOD'), 'config cadence monthly', { admin: true });
  await ok(A, a('UANA'), 'join mentor skills: pricing tz: UTC capacity: 2', { name: 'Ana Alpha' });
  await ok(A, a('UBEN'), 'join mentee goals: pricing tz: UTC', { name: 'Ben Alpha' });
  await ok(A, a('UCY'), 'join mentee goals: pricing tz: UTC', { name: 'Cy Alpha' });
  await ok(A, a('UMOD'), `pair ${tag(a('UANA'))} ${tag(a('UBEN'))}`, { admin: true });
  await ok(A, a('UBEN'), 'checkin alpha note');
  await ok(A, a('UMOD'), 'round preview', { admin: true });
});

afterAll(async () => {
  await database?.dispose();
});

const B_PEOPLE = ['UMENTOR', 'UMENTEE', 'UOTHER', 'UEXTRA', 'UMOD'].map(b);

/** B's numbers, filled in once B exists. */
const fill = (text: string): string =>
  text
    .replace('$request', String(bIds.request))
    .replace('$ended', String(bIds.endedPairing))
    .replace('$pairing', String(bIds.pairing))
    .replace('$nudge', String(bIds.nudge));

/** What A may be shown: never B's text, and B's ids only where A typed them. */
function expectNothingOfB(texts: string[], typed: string): void {
  for (const text of texts) {
    for (const secret of Object.values(B_SECRETS)) expect(text).not.toContain(secret);
    for (const id of B_PEOPLE) if (!typed.includes(id)) expect(text).not.toContain(id);
  }
}

function replyTexts(reply: Reply): string[] {
  return [
    reply.text,
    ...(reply.actions ?? []).map((x) => `${x.label} ${x.command}`),
    ...(reply.sections ?? []).map((s) => s.text + (s.actions ?? []).map((x) => x.command).join(' ')),
    reply.attachment?.content ?? '',
  ];
}

async function outboxOfA(): Promise<string[]> {
  const { rows } = await db.query<{ r: string }>(
    "SELECT recipient_id || ' ' || message::text AS r FROM outbox WHERE community_id = $1 ORDER BY id",
    [A],
  );
  return rows.map((x) => x.r);
}

/**
 * Runs A's command and proves: B's rows are byte-for-byte unchanged, and neither the reply nor anything A's
 * command queued (outbox, timers) carries B's data.
 */
async function expectIsolated(actor: string, text: string, admin: boolean): Promise<Reply> {
  const before = await snapshotOf(B);
  const outboxBefore = new Set(await outboxOfA());
  const timersBefore = new Set([...scheduler.timers.keys(), ...scheduler.repeating.keys()]);
  const reply = await as(A, actor, text, { admin });
  expect(reply.text).not.toMatch(/something went wrong/i);
  expect(await snapshotOf(B)).toEqual(before);
  expectNothingOfB(replyTexts(reply), text);
  const newOutbox = (await outboxOfA()).filter((row) => !outboxBefore.has(row));
  expectNothingOfB(newOutbox, '');
  const newTimers = [...scheduler.timers, ...scheduler.repeating].filter(([id]) => !timersBefore.has(id));
  for (const [id, timer] of newTimers) expect(`${id} ${JSON.stringify(timer)}`).not.toContain(B);
  return reply;
}

describe('community A naming community B', () => {
  const mod = a('UMOD');
  const [bm, be, bo, bx] = ['UMENTOR', 'UMENTEE', 'UOTHER', 'UEXTRA'].map(b) as [string, string, string, string];

  it('B is set up for real (a sanity check that the snapshot sees B)', async () => {
    const snap = await snapshotOf(B);
    for (const table of [
      'members',
      'pairings',
      'check_ins',
      'goals',
      'thanks',
      'blocks',
      'feedback',
      'rounds',
      'outbox',
      'mentor_requests',
      'checkin_nudges',
      'audit_log',
      'processed_events',
      'communities',
    ])
      expect(snap[table]!.length).toBeGreaterThan(0);
  });

  const moderatorCommands = (): string[] => [
    `round lock ${tag(bm)} ${tag(be)}`,
    `round lock ${tag(a('UANA'))} ${tag(be)}`,
    `round lock ${tag(bm)} ${tag(a('UCY'))}`,
    `round swap ${tag(be)} ${tag(bx)}`,
    `round swap ${tag(a('UCY'))} ${tag(bx)}`,
    `round unlock ${tag(be)}`,
    `round exclude ${tag(bm)}`,
    `round include ${tag(bm)}`,
    `round exclude ${tag(bo)}`,
    `round include ${tag(bo)}`,
    'round status',
    'round preview',
    `pair ${tag(bm)} ${tag(be)}`,
    `pair ${tag(bm)} ${tag(bx)} force`,
    `pair ${tag(a('UANA'))} ${tag(bx)} force`,
    `pair ${tag(bo)} ${tag(a('UCY'))} force`,
    `unpair ${tag(bm)} ${tag(be)}`,
    `unpair ${tag(a('UANA'))} ${tag(be)}`,
    'stats',
    'export',
    'config',
    'config welcome',
    'config moderators',
    'config cadence',
    `config moderators remove ${tag(b('UMOD'))}`,
    `config moderators add ${tag(bm)}`,
    `config moderators remove ${tag(bm)}`,
    'config cadence 3 days',
    'config welcome hello alpha',
    'config timezone Asia/Tokyo',
    'round schedule 0 9 * * 1',
    'round schedule off',
    'round cancel',
    'round preview',
    `round exclude ${tag(be)}`,
    'round publish',
  ];

  it.each(moderatorCommands())('moderator command: %s', async (text) => {
    await expectIsolated(mod, text, true);
  });

  it("A's stats and export count only A", async () => {
    const stats = await expectIsolated(mod, 'stats', true);
    expect(stats.text).toMatch(/^\*Members\*: 3 \(1 mentor, 2 mentees/);
    const exported = await expectIsolated(mod, 'export', true);
    expect(exported.attachment?.content).toContain(a('UANA'));
    expect(exported.attachment?.content).not.toContain(B);
  });

  const memberCommands = (): string[] => [
    `profile ${tag(bm)}`,
    `profile ${tag(be)}`,
    `request ${tag(bm)}`,
    `request accept $request`,
    `request decline $request`,
    `thanks ${tag(bm)} alpha thanks`,
    `block ${tag(bo)}`,
    `checkin ${tag(bm)} alpha note`,
    `goal add ${tag(bm)} alpha goal`,
    `goal done ${tag(bm)} 1`,
    `goals ${tag(bm)}`,
    `end ${tag(bm)} alpha reason`,
    `feedback $ended 5 alpha feedback`,
    `feedback $pairing 5 alpha feedback`,
    `nudge $nudge met`,
    `nudge $nudge skip`,
    `nudge $nudge snooze`,
    `nudge $nudge help`,
    `nudge $nudge still-on`,
    'suggest',
    'home',
    'goals',
    'profile',
  ];

  it.each(memberCommands())('member command: %s', async (text) => {
    // Ana is A's mentor, Ben her mentee, Cy an unpaired mentee: each reaches real work, none reaches B.
    for (const actor of [a('UANA'), a('UBEN'), a('UCY')]) await expectIsolated(actor, fill(text), false);
  });

  it("an actor of A whose id is one of B's own members still cannot touch B", async () => {
    // No adapter makes such an id (ids carry the workspace), but the core must not rely on that.
    const texts = [
      'profile',
      `checkin ${B_SECRETS.note}`,
      'goals',
      'goal done 1',
      `end ${tag(bm)} forged`,
      `feedback $ended 1 forged`,
      `nudge $nudge met`,
      `request accept $request`,
      'home',
      'forget-me confirm',
      'leave',
    ];
    for (const actor of [bm, be, bx]) {
      for (const text of texts) {
        const before = await snapshotOf(B);
        const reply = await as(A, actor, fill(text));
        expect(await snapshotOf(B)).toEqual(before);
        expect(reply.text).not.toMatch(/something went wrong/i);
        for (const secret of Object.values(B_SECRETS)) expect(reply.text).not.toContain(secret);
      }
    }
  });

  it("an event id B already used is a new event in A, and B's stored reply is not replayed", async () => {
    const stored = (
      await db.query<{ reply: object }>(
        'SELECT reply FROM processed_events WHERE community_id = $1 AND event_id = $2',
        [B, bIds.eventId],
      )
    ).rows[0]!.reply;
    expect(JSON.stringify(stored)).toContain(B_SECRETS.mentorName);
    const before = await snapshotOf(B);
    const reply = await as(A, bm, 'profile', { eventId: bIds.eventId });
    expect(await snapshotOf(B)).toEqual(before);
    expect(reply.text).not.toContain(B_SECRETS.mentorName);
  });

  it("forget-me in A of a person with the same id as B's member leaves B's copy alone", async () => {
    await ok(A, bm, 'join mentor skills: pricing tz: UTC', { name: 'Same id in Alpha' });
    const before = await snapshotOf(B);
    await ok(A, bm, 'forget-me confirm');
    expect(await snapshotOf(B)).toEqual(before);
  });

  it("B's draft round, settings and pairings are what B made", async () => {
    const snap = await snapshotOf(B);
    expect(snap['rounds']!.join()).toContain('"status":"draft"');
    expect(snap['communities']!.join()).toContain(B_SECRETS.welcome);
    expect(snap['pairings']!.some((p) => p.includes('"status":"active"'))).toBe(true);
  });
});
