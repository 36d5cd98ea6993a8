import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { openPgDatabase } from '../../../db/pg-database';
import { postgresStore } from '../../../db/postgres-store';
import { commandRunner, type CommandRequest } from '../../../src/commands/run-command';
import type { CoreDeps } from '../../../src/commands/run-in-context';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/create-logger';
import { scheduledTaskRunner } from '../../../src/delivery/scheduled-task-runner';
import type { Command } from '../../../src/commands/command';
import type { Reply } from '../../../src/domain/message';
import type { Logger } from '../../../src/ports/logger';
import { testClock } from '../../helpers/command-harness';
import { freePort } from '../../helpers/private-redis';
import { recordingScheduler } from '../../helpers/recording-scheduler';
import { createPgliteDatabase, type TestDatabase } from '../../helpers/test-databases';

/**
 * Logs never carry tokens, secrets, database passwords, nor what people wrote in private (check-in notes,
 * feedback, end reasons, goals, thanks). The real pino logger (src/create-logger.ts, JSON, every level down to
 * trace) writes into a stream we read back, while the real core runs a realistic program: commands, replays,
 * fired check-in timers, message delivery that fails, a bug path, an unreachable database, bad configuration.
 */

const PRIVATE = {
  note: 'NOTE-we-talked-about-my-divorce-7731',
  refusedNote: 'NOTE-refused-by-db-9932',
  feedback: 'FEEDBACK-he-was-rude-4410',
  reason: 'REASON-moving-away-for-rehab-5521',
  goal: 'GOAL-pay-off-debt-2288',
  thanks: 'THANKS-for-the-loan-1187',
  forgetNote: 'NOTE-before-forgetting-6654',
};

const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-111-222-SECRETBOTTOKENVALUE',
  SLACK_SIGNING_SECRET: 'SIGNINGSECRETVALUE0123456789',
  SLACK_CLIENT_SECRET: 'CLIENTSECRETVALUE0123456789',
  SLACK_STATE_SECRET: 'STATESECRETVALUE0123456789ab',
  SLACK_APP_TOKEN: 'xapp-1-SECRETAPPTOKENVALUE',
  DISCORD_TOKEN: 'MTAxDISCORDTOKENVALUE.abcdef.SECRET',
  DB_PASSWORD: 'DBPASSWORDVALUE-s3cr3t',
};

function capture(): { logger: Logger; text: () => string; lines: () => object[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level: 'trace', format: 'json', destination: stream });
  return {
    logger,
    text: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as object),
  };
}

function expectClean(text: string): void {
  for (const value of [...Object.values(PRIVATE), ...Object.values(SECRETS)]) expect(text).not.toContain(value);
}

describe('what the core logs during a realistic program', () => {
  let database: TestDatabase;
  const log = capture();
  const clock = testClock();
  const scheduler = recordingScheduler();
  let deps: CoreDeps;
  let run: (request: CommandRequest) => Promise<Reply>;
  const C = 'slack:TPRIV';
  const p = (name: string) => `${C}:${name}`;
  const send = (name: string, input: string | Command, admin = false, eventId = randomUUID()) =>
    run({
      communityId: C,
      communityName: 'Privacy',
      actor: { id: p(name), displayName: name, isAdmin: admin },
      eventId,
      input: typeof input === 'string' ? input.replace(/@(\w+)/g, (_m, n: string) => `<@${p(n)}>`) : input,
    });

  beforeAll(async () => {
    database = await createPgliteDatabase();
    deps = { store: postgresStore(database.db), clock, logger: log.logger, newId: randomUUID, scheduler };
    run = commandRunner(deps);
  });
  afterAll(() => database?.dispose());

  it('logs none of the private text, yet does log what happened', async () => {
    await send('mod', 'config moderators add @mod', true);
    await send('ana', 'join mentor skills: pricing tz: UTC capacity: 2');
    await send('ben', 'join mentee goals: pricing tz: UTC');
    await send('cy', 'join mentee goals: pricing tz: UTC');
    await send('mod', 'pair @ana @ben', true);
    await send('mod', 'pair @ana @cy', true);
    const replayed = randomUUID();
    await send('ben', `checkin ${PRIVATE.note}`, false, replayed);
    await send('ben', `checkin ${PRIVATE.note}`, false, replayed); // a Slack retry: logged as a duplicate
    await send('ben', `goal add ${PRIVATE.goal}`);
    await send('ben', `thanks @ana ${PRIVATE.thanks}`);
    await send('ana', `checkin @ben ${PRIVATE.note}`);

    // Every check-in timer the core asked for fires after its due time (nudges to both sides), and a nudge's
    // "Need help" button tells the moderators.
    clock.advance(40 * 24 * 60 * 60 * 1000);
    const fire = scheduledTaskRunner(deps);
    for (const { task } of [...scheduler.timers.values()]) await fire(task);
    await send('ben', 'nudge 1 help');
    await send('ben', 'nudge 1 met');

    // A statement the database refuses takes the bug path ("command failed" with the driver's error, which
    // carries the statement's parameters: here the private note). A constraint the code does not know of makes
    // Postgres refuse it for real.
    await database.db.exec('ALTER TABLE check_ins ADD CONSTRAINT short_notes CHECK (length(note) < 5) NOT VALID');
    const refused = await send('ana', { name: 'checkin', partner: p('cy'), note: PRIVATE.refusedNote });
    await database.db.exec('ALTER TABLE check_ins DROP CONSTRAINT short_notes');
    expect(refused.text).toMatch(/something went wrong on my side \(error [0-9a-f]{8}\)/);
    await send('ben', `end ${PRIVATE.reason}`);
    const { rows } = await database.db.query<{ id: number }>("SELECT id FROM pairings WHERE status = 'ended'");
    await send('ben', `feedback ${rows[0]!.id} 2 ${PRIVATE.feedback}`);
    await send('ana', `feedback ${rows[0]!.id} 4 ${PRIVATE.feedback}`);
    await send('mod', 'stats', true);
    await send('mod', 'export', true);
    await send('cy', `checkin ${PRIVATE.forgetNote}`);
    await send('cy', 'forget-me confirm');

    const text = log.text();
    expectClean(text);
    const messages = log.lines().map((l) => (l as { msg: string }).msg);
    expect(messages).toEqual(expect.arrayContaining(['duplicate event ignored', 'command failed']));
  });

  it('redacts private fields even if a future log call passes them whole', () => {
    // The redaction list is the safety net: a note, token or secret logged by mistake comes out censored.
    log.logger.info(
      { note: PRIVATE.note, token: SECRETS.SLACK_BOT_TOKEN, secret: SECRETS.SLACK_SIGNING_SECRET },
      'careless call',
    );
    log.logger
      .child({ component: 'x' })
      .warn({ request: { headers: { authorization: `Bearer ${SECRETS.SLACK_BOT_TOKEN}` } } }, 'careless');
    expectClean(log.text());
  });
});

describe('an unreachable database', () => {
  it('logs neither the password of DATABASE_URL nor the note of the command it refused', async () => {
    const log = capture();
    const port = await freePort(); // nothing listens here
    const db = openPgDatabase(`postgres://mentor:${SECRETS.DB_PASSWORD}@127.0.0.1:${port}/mentor`);
    const run = commandRunner({
      store: postgresStore(db),
      clock: testClock(),
      logger: log.logger,
      newId: randomUUID,
      scheduler: recordingScheduler(),
    });
    try {
      const reply = await run({
        communityId: 'slack:TDOWN',
        communityName: 'Down',
        actor: { id: 'slack:TDOWN:U1', displayName: 'u1', isAdmin: false },
        eventId: randomUUID(),
        input: `checkin ${PRIVATE.note}`,
      });
      expect(reply.text).toMatch(/try again/);
    } finally {
      await db.close();
    }
    expect(log.text()).toContain('store unavailable');
    expectClean(log.text());
  });
});

describe('configuration errors', () => {
  const base = { LOG_FORMAT: 'json' };
  const cases: [string, Record<string, string>][] = [
    [
      'a bot token of the wrong form',
      { SLACK_BOT_TOKEN: 'xoxp-' + SECRETS.SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET },
    ],
    ['a signing secret that is too short', { SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET: 'SIGNS' }],
    ['a bot token without a signing secret', { SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN }],
    ['a signing secret without a bot token', { SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET }],
    [
      'an app token of the wrong form',
      { SLACK_APP_TOKEN: 'xoxb-' + SECRETS.SLACK_APP_TOKEN, SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN },
    ],
    ['an app token without a bot token', { SLACK_APP_TOKEN: SECRETS.SLACK_APP_TOKEN }],
    [
      'a client secret without the rest of OAuth',
      { SLACK_CLIENT_SECRET: SECRETS.SLACK_CLIENT_SECRET, SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET },
    ],
    [
      'a short client secret',
      {
        SLACK_CLIENT_ID: '1.2',
        SLACK_CLIENT_SECRET: 'short',
        SLACK_STATE_SECRET: SECRETS.SLACK_STATE_SECRET,
        SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
      },
    ],
    [
      'a short state secret',
      {
        SLACK_CLIENT_ID: '1.2',
        SLACK_CLIENT_SECRET: SECRETS.SLACK_CLIENT_SECRET,
        SLACK_STATE_SECRET: 'short',
        SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
      },
    ],
    [
      'OAuth and a bot token at once',
      {
        SLACK_CLIENT_ID: '1.2',
        SLACK_CLIENT_SECRET: SECRETS.SLACK_CLIENT_SECRET,
        SLACK_STATE_SECRET: SECRETS.SLACK_STATE_SECRET,
        SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
        SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
      },
    ],
    [
      'a database URL of the wrong scheme with a password',
      { DATABASE_URL: `mysql://root:${SECRETS.DB_PASSWORD}@db/x` },
    ],
    [
      'a bad Redis URL next to the secrets',
      {
        REDIS_URL: 'http://x',
        SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
        SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
        DISCORD_TOKEN: SECRETS.DISCORD_TOKEN,
      },
    ],
    [
      'a bad log level next to the secrets',
      {
        LOG_LEVEL: 'loud',
        SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
        SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
        DISCORD_TOKEN: SECRETS.DISCORD_TOKEN,
      },
    ],
  ];

  it.each(cases)('%s: one sentence naming the variable, never its secret value', (_name, env) => {
    const result = loadConfig({ ...base, ...env });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/[A-Z_]+/);
    expectClean(result.message);
    // Whatever a process manager or a future log call does with the sentence, it holds no secret.
    const log = capture();
    log.logger.error({ err: new Error(result.message) }, `Configuration error: ${result.message}`);
    expectClean(log.text());
  });

  it('a valid configuration holds the secrets (so the test above is not vacuous)', () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
    });
    expect(result.ok && result.value.SLACK_BOT_TOKEN).toBe(SECRETS.SLACK_BOT_TOKEN);
  });
});

describe('export', () => {
  // rounds.test.ts ("exports pairings and activity as CSV without notes") covers check-in notes; this adds the
  // rest of what is private to a pair: goals, end reasons, feedback and thanks.
  it('leaves out goals, end reasons, feedback and thanks text as well as notes', async () => {
    const database = await createPgliteDatabase();
    try {
      const run = commandRunner({
        store: postgresStore(database.db),
        clock: testClock(),
        logger: capture().logger,
        newId: randomUUID,
        scheduler: recordingScheduler(),
      });
      const C = 'test:exp';
      const send = (name: string, text: string, admin = false) =>
        run({
          communityId: C,
          communityName: 'Export',
          actor: { id: `${C}:${name}`, displayName: name, isAdmin: admin },
          eventId: randomUUID(),
          input: text.replace(/@(\w+)/g, (_m, n: string) => `<@${C}:${n}>`),
        });
      await send('ana', 'join mentor skills: pricing tz: UTC');
      await send('ben', 'join mentee goals: pricing tz: UTC');
      await send('mod', 'pair @ana @ben', true);
      await send('ben', `checkin ${PRIVATE.note}`);
      await send('ben', `goal add ${PRIVATE.goal}`);
      await send('ben', `thanks @ana ${PRIVATE.thanks}`);
      await send('ben', `end ${PRIVATE.reason}`);
      await send('ben', `feedback 1 3 ${PRIVATE.feedback}`);
      const reply = await send('mod', 'export', true);
      const csv = reply.attachment!.content;
      expect(csv).toContain(`${C}:ana,${C}:ben,ended`);
      expect(csv.split('\n')[1]).toMatch(/,1,[^,]+,1,0$/); // one check-in and one goal are counted
      expectClean(csv);
    } finally {
      await database.dispose();
    }
  });
});
