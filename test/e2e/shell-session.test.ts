import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { runShell } from '../../adapters/shell/run-shell';
import { shellMessenger } from '../../adapters/shell/shell-messenger';
import { postgresStore } from '../../db/postgres-store';
import { commandRunner } from '../../src/commands/run-command';
import { outboxDeliverer } from '../../src/delivery/outbox-deliverer';
import { testClock } from '../helpers/command-harness';
import { recordingScheduler } from '../helpers/recording-scheduler';
import { silentLogger } from '../helpers/silent-logger';
import { createPgliteDatabase, type TestDatabase } from '../helpers/test-databases';

const SCRIPT = `
# two people join, a moderator pairs them, they work together, then one leaves for good
/as ana
/mentor join mentor skills: pricing, finding clients tz: America/New_York languages: en, es capacity: 2
/as ben
/mentor join mentee goals: pricing tz: Europe/Berlin languages: en
/as mod
/mentor pair @ana @ben
/as ben
/mentor checkin first call: we set my rates
/mentor goal add raise my day rate by 10%
/mentor thanks @ana great advice on pricing
/mentor forget-me
/mentor forget-me confirm
/as ana
/mentor profile
`;

describe('the local shell, scripted', () => {
  let database: TestDatabase;
  let transcript: string;

  beforeAll(async () => {
    database = await createPgliteDatabase();
    const store = postgresStore(database.db);
    const clock = testClock();
    const lines: string[] = [];
    const write = (line: string) => lines.push(line);
    const deliverer = outboxDeliverer({ store, messenger: shellMessenger(write), clock, logger: silentLogger() });
    await runShell({
      input: Readable.from([SCRIPT]),
      write,
      echo: true,
      interactive: false,
      firstUser: 'you',
      moderators: ['mod'],
      runCommand: commandRunner({
        store,
        clock,
        logger: silentLogger(),
        newId: randomUUID,
        scheduler: recordingScheduler(),
      }),
      deliver: () => deliverer.drain().then(() => undefined),
    });
    transcript = lines.join('\n');
  });
  afterAll(() => database.dispose());

  it('shows each reply and each direct message in order', () => {
    const expectedInOrder = [
      'ana> /mentor join mentor',
      'Welcome, ana! You joined as a mentor. You can take up to 2 mentees.',
      'Welcome, ben! You joined as a mentee.',
      'Paired @ana (mentor) with @ben (mentee); both were introduced.',
      '✉ to @ana and @ben: 👋 @ana, meet your mentee @ben!',
      'Check-in logged for your pairing with @ana.',
      '✉ to @ana: @ben logged a check-in for your pairing: “first call: we set my rates”',
      'Goal 1 added: raise my day rate by 10%.',
      '✉ to @ana: 💛 @ben thanked you: “great advice on pricing”',
      '[Yes, delete everything] → /mentor forget-me confirm',
      "Done: I deleted everything I stored about you. 1 past pairing stays in your partners' history under an anonymous id.",
      '✉ to @ana: Your pairing with a former member has ended: your partner has left the program.',
      '*ana* (@ana): mentor, active',
      'Offers: pricing, finding clients · mentees 0/2',
      'thanked 1 time',
    ];
    let from = 0;
    for (const expected of expectedInOrder) {
      const at = transcript.indexOf(expected, from);
      if (at < 0) throw new Error(`missing after position ${from}: ${expected}\n\n${transcript}`);
      from = at + expected.length;
    }
  });

  it('leaves the database as the story says', async () => {
    const { db } = database;
    const members = await db.query<{ id: string }>('SELECT id FROM members ORDER BY id');
    expect(members.rows.map((r) => r.id)).toEqual(['shell:local:ana']);
    const pairings = await db.query<{ mentor_id: string; mentee_id: string; status: string }>(
      'SELECT mentor_id, mentee_id, status FROM pairings',
    );
    expect(pairings.rows).toHaveLength(1);
    expect(pairings.rows[0]).toMatchObject({ mentor_id: 'shell:local:ana', status: 'ended' });
    expect(pairings.rows[0]!.mentee_id).toMatch(/^forgotten:/);
    // Ben's note and goal are gone; the thanks still counts for Ana but no longer says who or what.
    expect((await db.query('SELECT * FROM check_ins')).rows).toHaveLength(0);
    expect((await db.query('SELECT * FROM goals')).rows).toHaveLength(0);
    const thanks = await db.query<{ from_id: string; message: string }>('SELECT from_id, message FROM thanks');
    expect(thanks.rows).toEqual([{ from_id: pairings.rows[0]!.mentee_id, message: '' }]);
    const everything = await db.query<{ dump: string }>(
      `SELECT concat_ws(' ', (SELECT string_agg(t::text, ' ') FROM members t), (SELECT string_agg(t::text, ' ') FROM pairings t),
        (SELECT string_agg(t::text, ' ') FROM thanks t), (SELECT string_agg(t::text, ' ') FROM outbox t),
        (SELECT string_agg(t::text, ' ') FROM processed_events t), (SELECT string_agg(t::text, ' ') FROM audit_log t)) AS dump`,
    );
    expect(everything.rows[0]!.dump).not.toContain('shell:local:ben');
  });
});

describe('npm start reading a piped script', () => {
  it('runs the real entry point on the embedded database and prints the conversation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mentor-bot-shell-'));
    try {
      const script = join(dir, 'demo.txt');
      writeFileSync(script, '/mentor jion\n/mentor join mentee goals: pricing tz: Berlin\n/mentor help\n');
      const { stdout } = await promisify(execFile)(process.execPath, ['bin/mentor-bot.js', '--script', script], {
        env: { ...process.env, DATA_DIR: join(dir, 'data'), DATABASE_URL: '', LOG_LEVEL: 'warn' },
      });
      expect(stdout).toContain('you> /mentor jion');
      expect(stdout).toContain('I don\'t know "jion". Did you mean `/mentor join`?');
      expect(stdout).toContain('"Berlin" is not a time zone name; did you mean Europe/Berlin?');
      expect(stdout).toContain('I run this community’s mentoring program.');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops with one sentence naming a bad environment variable', async () => {
    const run = promisify(execFile)(process.execPath, ['bin/mentor-bot.js'], {
      env: { ...process.env, DATABASE_URL: 'mysql://nope' },
    });
    await expect(run).rejects.toMatchObject({
      code: 78,
      stderr: 'Configuration error: DATABASE_URL must be a postgres:// connection URL (got "mysql://nope").\n',
    });
  });
});
