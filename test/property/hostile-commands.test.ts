import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { postgresStore } from '../../db/postgres-store';
import { commandRunner } from '../../src/commands/run-command';
import type { CoreDeps } from '../../src/commands/run-in-context';
import { canonicalTimezone } from '../../src/domain/timezone';
import type { Reply } from '../../src/domain/message';
import { COMMUNITY, testClock } from '../helpers/command-harness';
import { recordingScheduler } from '../helpers/recording-scheduler';
import { silentLogger } from '../helpers/silent-logger';
import { createPgliteDatabase, type TestDatabase } from '../helpers/test-databases';

/**
 * Whatever people type, through the real parser, use cases and Postgres (PGlite): the core answers with a Reply
 * (never a throw, never the "something went wrong" bug path), a refusal is one plain sentence, and the database
 * holds nothing malformed. SQL-looking text that is accepted is stored verbatim.
 */

const SQL = ["'; DROP TABLE members;--", '"); DELETE FROM pairings; --', "' OR '1'='1", '$1::text; TRUNCATE goals'];
const WEIRD = [
  '\u202Eevil\u202C', // right-to-left override
  'زبان فارسی',
  'a\u200Bb\u200Dc\uFEFF', // zero-width characters
  '👩🏽‍💻🔥',
  '\u0000nul',
  'line\nbreak',
  'tab\tbed',
  '\r\n',
  'x'.repeat(70),
  'y'.repeat(2100),
  'NaN',
  'undefined',
  'null',
  'constructor',
  '__proto__',
  'toString',
  '-1',
  '1e9',
  '0x10',
  '99999999999',
  '<@test:c1:ana>',
  '<@slack:TOTHER:U1>',
  '<@>',
  '<@@>',
  '<@test:c1:ghost>',
  '@ana',
  'tz: Mars/Base',
  'skills: a skills: b',
  'capacity: 21',
  'cadence: 0 days',
  'Europe/Berlin',
  'UTC',
  'etc/gmt+3',
];
const COMMAND_PREFIXES = [
  'join mentor skills:',
  'join mentee goals:',
  'join both skills: pricing goals:',
  'join mentor skills: pricing tz:',
  'join mentor skills: pricing tz: UTC capacity:',
  'join mentee goals: pricing tz: UTC cadence:',
  'join mentee goals: pricing tz: UTC languages:',
  'edit skills:',
  'edit goals:',
  'edit tz:',
  'edit name:',
  'edit capacity:',
  'edit cadence:',
  'edit experience:',
  'edit languages:',
  'profile',
  'pause until',
  'pause for',
  'checkin',
  'checkin <@test:c1:ana>',
  'goal add',
  'goal done',
  'goals',
  'thanks <@test:c1:ana>',
  'thanks <@test:c1:bo>',
  'block',
  'end',
  'feedback 1',
  'feedback 1 5',
  'request',
  'request accept',
  'nudge',
  'pair',
  'pair <@test:c1:ana>',
  'unpair',
  'config',
  'config welcome',
  'config cadence',
  'config quiet-hours',
  'config timezone',
  'config moderators add',
  'config weight-goals',
  'config default-capacity',
  'round',
  'round schedule',
  'round swap',
  'round lock',
  'round exclude',
  'round preview',
  'forget-me',
  'help',
  'stats',
  'export',
  'suggest',
  'home',
];
const PEOPLE = ['ana', 'bo', 'cy', 'dee', 'mod'];

const payload = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SQL, ...WEIRD) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.tuple(fc.constantFrom('skills', 'goals', 'tz', 'capacity', 'cadence', 'name', 'x'), fc.string()), {
        maxLength: 6,
      })
      .map((kv) => kv.map(([k, v]) => `${k}:${v}`).join(' ')),
  },
);
const commandText = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...COMMAND_PREFIXES), payload).map(([c, p]) => `${c} ${p}`) },
  { weight: 1, arbitrary: payload },
  { weight: 1, arbitrary: fc.array(payload, { maxLength: 5 }).map((parts) => parts.join(' ')) },
);

/** One line, ends like a sentence, and shows none of the program's insides (words the person typed aside). */
function expectPlainSentence(text: string, input: string): void {
  expect(text).not.toContain('\n');
  expect(text).toMatch(/[.?!]$/);
  expect(text).not.toMatch(/Error:|\bat \S+ \(|\/node_modules\//);
  for (const internal of ['undefined', '[object ', 'NaN', 'null']) {
    if (!input.includes(internal)) expect(text).not.toContain(internal);
  }
  expect(text.length).toBeGreaterThan(10);
  // Short, apart from what it quotes back of the person's own text.
  expect(text.length).toBeLessThan(400 + input.length);
}

/** Every stored member, pairing and text is well formed: what the domain promises, checked on the rows. */
async function expectDatabaseWellFormed(database: TestDatabase): Promise<void> {
  const { rows: members } = await database.db.query<{
    id: string;
    display_name: string;
    role: string;
    skills: string[];
    goals: string[];
    languages: string[];
    timezone: string;
    capacity: number;
    cadence_minutes: number;
  }>('SELECT * FROM members');
  for (const m of members) {
    expect(['mentor', 'mentee', 'both']).toContain(m.role);
    expect(canonicalTimezone(m.timezone)).toBe(m.timezone);
    expect(m.capacity).toBeGreaterThanOrEqual(m.role === 'mentee' ? 0 : 1);
    expect(m.capacity).toBeLessThanOrEqual(m.role === 'mentee' ? 0 : 20);
    expect(m.cadence_minutes).toBeGreaterThanOrEqual(1);
    expect(m.cadence_minutes).toBeLessThanOrEqual(90 * 24 * 60);
    expect(m.display_name.length).toBeGreaterThan(0);
    expect(m.display_name.length).toBeLessThanOrEqual(80);
    if (m.role !== 'mentee') expect(m.skills.length).toBeGreaterThan(0);
    if (m.role !== 'mentor') expect(m.goals.length).toBeGreaterThan(0);
    for (const list of [m.skills, m.goals, m.languages]) {
      expect(list.length).toBeLessThanOrEqual(20);
      expect(new Set(list.map((x) => x.toLowerCase())).size).toBe(list.length);
      for (const item of list) {
        expect(item).toBe(item.trim());
        expect(item.length).toBeGreaterThan(0);
        expect(item.length).toBeLessThanOrEqual(60);
        expect(item).not.toMatch(/\s\s|[,;\n]/);
      }
    }
    for (const item of m.languages) expect(item).toBe(item.toLowerCase());
  }
  // No control characters reached any stored text (the parser drops them; Postgres text cannot hold NUL).
  const { rows: bad } = await database.db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM goals WHERE text ~ '[\\x01-\\x08\\x0b-\\x1f]')
          + (SELECT count(*) FROM check_ins WHERE note ~ '[\\x01-\\x08\\x0b-\\x1f]')
          + (SELECT count(*) FROM thanks WHERE message ~ '[\\x01-\\x08\\x0b-\\x1f]')
          + (SELECT count(*) FROM members WHERE array_to_string(skills || goals || languages, ',') ~ '[\\x01-\\x08\\x0b-\\x1f]')
          + (SELECT count(*) FROM pairings WHERE coalesce(end_reason, '') ~ '[\\x01-\\x08\\x0b-\\x1f]')
          AS n`,
  );
  expect(bad[0]!.n).toBe(0);
}

/** `typed`: everything typed so far, since a reply may show text stored earlier (a welcome text, a goal). */
function expectFine(reply: Reply, input: string, typed: string): void {
  if (reply.refused) return expectPlainSentence(reply.text, typed);
  for (const internal of ['undefined', '[object ', 'NaN']) {
    if (!typed.includes(internal)) expect(reply.text).not.toContain(internal);
  }
  expect(input).toBeDefined();
}

describe('hostile command text through the real core', () => {
  let database: TestDatabase;
  let run: (name: string, text: string, community?: string) => Promise<Reply>;
  const logger = silentLogger();

  beforeAll(async () => {
    database = await createPgliteDatabase();
    const deps: CoreDeps = {
      store: postgresStore(database.db),
      clock: testClock(),
      logger,
      newId: randomUUID,
      scheduler: recordingScheduler(),
    };
    const runner = commandRunner(deps);
    run = (name, text, community = COMMUNITY) =>
      runner({
        communityId: community,
        communityName: 'Test community',
        actor: { id: `${community}:${name}`, displayName: name, isAdmin: name === 'mod' },
        eventId: randomUUID(),
        input: text,
      });
    // A small program, so random commands reach past "you have not joined" into real work.
    await run('ana', 'join mentor skills: pricing, contracts tz: UTC capacity: 3');
    await run('bo', 'join mentee goals: pricing tz: Europe/Berlin');
    await run('cy', 'join both skills: design goals: pricing tz: Asia/Tokyo capacity: 1');
    await run('mod', 'pair <@test:c1:ana> <@test:c1:bo>');
  });
  afterAll(() => database?.dispose());

  it('answers every text with a reply or one plain sentence, and stores nothing malformed', async () => {
    let typed = '';
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PEOPLE), commandText, async (name, text) => {
        typed += `\n${text}`;
        const reply = await run(name, text);
        expect(typeof reply.text).toBe('string');
        expect(reply.text).not.toMatch(/something went wrong/i);
        expectFine(reply, text, typed);
        await expectDatabaseWellFormed(database);
      }),
      { numRuns: 700 },
    );
    // Nothing was logged as a bug along the way.
    expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  }, 120_000);

  const SQL_C = 'test:sql';
  it('stores accepted SQL-looking text verbatim, and every table is still there', async () => {
    await run('ana', 'join mentor skills: pricing tz: UTC', SQL_C);
    await run('dee', 'join mentee goals: pricing tz: UTC', SQL_C);
    await run('mod', `pair <@${SQL_C}:ana> <@${SQL_C}:dee>`, SQL_C);
    for (const sql of SQL) {
      const goal = await run('dee', `goal add ${sql}`, SQL_C);
      expect(goal.text).toMatch(/^Goal \d+ added/);
      const note = await run('dee', `checkin ${sql}`, SQL_C);
      expect(note.text).toMatch(/^Check-in logged/);
    }
    const edited = await run('dee', `edit goals: ${SQL[0]}`, SQL_C);
    expect(edited.text).toMatch(/^Profile updated/);
    const goals = await database.db.query<{ text: string }>(
      'SELECT text FROM goals WHERE created_by = $1 ORDER BY number',
      [`${SQL_C}:dee`],
    );
    expect(goals.rows.map((r) => r.text)).toEqual(expect.arrayContaining(SQL));
    const notes = await database.db.query<{ note: string }>('SELECT note FROM check_ins WHERE logged_by = $1', [
      `${SQL_C}:dee`,
    ]);
    expect(notes.rows.map((r) => r.note)).toEqual(expect.arrayContaining(SQL));
    const member = await database.db.query<{ goals: string[] }>('SELECT goals FROM members WHERE id = $1', [
      `${SQL_C}:dee`,
    ]);
    expect(member.rows[0]!.goals).toEqual(["'", 'DROP TABLE members', '--']); // split on ';' like any list
    for (const table of ['members', 'pairings', 'goals', 'check_ins', 'communities', 'outbox']) {
      await expect(database.db.query(`SELECT count(*) FROM ${table}`)).resolves.toBeDefined();
    }
  });
});
