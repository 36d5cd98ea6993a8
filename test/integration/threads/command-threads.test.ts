import { randomUUID } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { postgresStore } from '../../../db/postgres-store';
import type { CommandRequest } from '../../../src/commands/run-command';
import { noopMetrics, type Metrics } from '../../../src/ports/metrics';
import type { PendingMessage } from '../../../src/ports/store';
import { commandThreads, type CommandThreads } from '../../../src/threads/command-threads';
import { startFakeSlackApi } from '../../harness/fake-slack-api';
import { COMMUNITY, person, withMentions } from '../../helpers/command-harness';
import { recordingScheduler } from '../../helpers/recording-scheduler';
import { silentLogger } from '../../helpers/silent-logger';
import { createServerDatabase, type TestDatabase } from '../../helpers/test-databases';

const request = (name: string, text: string, eventId = randomUUID()): CommandRequest => ({
  communityId: COMMUNITY,
  communityName: 'Test community',
  actor: { id: person(name), displayName: name, isAdmin: name === 'mod' },
  eventId,
  input: withMentions(text),
});

describe('commands on worker threads (real Postgres)', () => {
  let database: TestDatabase;
  let threads: CommandThreads;
  let scheduler: ReturnType<typeof recordingScheduler>;
  let failTimers: boolean;
  let kicks: number;
  let finished: [string, string][];
  let checkins: number;
  let workers: Worker[];
  const lines: ReturnType<typeof silentLogger>['lines'] = [];

  beforeEach(async () => {
    database = await createServerDatabase();
    scheduler = recordingScheduler();
    failTimers = false;
    kicks = 0;
    finished = [];
    checkins = 0;
    workers = [];
    const metrics: Metrics = {
      commandFinished: (command, outcome) => void finished.push([command, outcome]),
      jobFinished: () => undefined,
      nudgeSent: () => undefined,
      checkinLogged: () => void checkins++,
    };
    threads = commandThreads({
      threads: 2,
      databaseUrl: database.url!,
      preparedStatements: true,
      logLevel: 'silent',
      logFormat: 'json',
      scheduler: {
        scheduleAll: (timers) => (failTimers ? Promise.reject(new Error('redis down')) : scheduler.scheduleAll(timers)),
        repeat: (...args) => scheduler.repeat(...args),
        stopRepeating: (id) => scheduler.stopRepeating(id),
      },
      metrics,
      afterCommit: () => void kicks++,
      logger: silentLogger(lines),
      newId: randomUUID,
      onThread: (worker) => void workers.push(worker),
    });
    await threads.ready();
  });

  afterEach(async () => {
    await threads.close();
    await database.dispose();
  });

  // Check-ins every 10 minutes: within the timer horizon, so pairing them sets a timer at once.
  const join = (name: string, role: 'mentor' | 'mentee') =>
    threads.run(
      request(
        name,
        role === 'mentor'
          ? 'join mentor skills: pricing tz: UTC languages: en capacity: 2 cadence: 10 minutes'
          : 'join mentee goals: pricing tz: UTC languages: en cadence: 10 minutes',
      ),
    );

  it('runs commands to the same answers and rows, with timers, counters and the outbound kick on the main thread', async () => {
    expect((await join('ana', 'mentor')).text).toMatch(/welcome|joined|signed up/i);
    await join('ben', 'mentee');
    expect(kicks).toBe(0); // joining queues no message, so nothing wakes the outbound queue
    const paired = await threads.run(request('mod', 'pair @ana @ben'));
    expect(paired.text).toMatch(/paired/i);
    // The pairing's first check-in timer was set through the main thread's scheduler.
    expect([...scheduler.timers.keys()].filter((id) => id.startsWith('nudge:'))).toHaveLength(1);
    expect(kicks).toBe(1); // the introduction went to the outbox
    await threads.run(request('ana', 'checkin we talked about pricing'));
    expect(checkins).toBe(1);
    expect(finished).toEqual([
      ['join', 'ok'],
      ['join', 'ok'],
      ['pair', 'ok'],
      ['checkin', 'ok'],
    ]);
    const store = postgresStore(database.db);
    expect((await store.transaction((tx) => tx.findMember(COMMUNITY, person('ana'))))?.role).toBe('mentor');
  });

  it('answers a refusal with its sentence, changes nothing, and a repeated event gets the first answer', async () => {
    const refused = await threads.run(request('ana', 'join mentor capacity: lots'));
    expect(refused.text).toMatch(/capacity/i);
    expect(finished).toEqual([['unparsed', 'refused']]); // refused by the parser, before any command ran
    const first = await join('ana', 'mentor');
    const again = await threads.run({ ...request('ana', 'join mentor skills: x tz: UTC'), eventId: 'repeat' });
    const repeated = await threads.run({ ...request('ana', 'join mentor skills: y tz: UTC'), eventId: 'repeat' });
    expect(repeated).toEqual(again);
    expect(first.text).not.toEqual('');
    const { rows } = await database.db.query('SELECT count(*)::int AS n FROM members');
    expect(rows[0]).toEqual({ n: 1 });
  });

  it('keeps a command done when its timer cannot be set (the reconciler sets it later)', async () => {
    await join('ana', 'mentor');
    await join('ben', 'mentee');
    failTimers = true;
    expect((await threads.run(request('mod', 'pair @ana @ben'))).text).toMatch(/paired/i);
    expect(scheduler.timers.size).toBe(0);
    const { rows } = await database.db.query(
      `SELECT count(*)::int AS n FROM checkin_nudges WHERE status = 'scheduled'`,
    );
    expect(rows[0]).toEqual({ n: 1 });
  });

  it('answers the commands of a thread that died with an apology, and a new thread takes the next ones', async () => {
    const started = workers.length;
    const running = [join('ana', 'mentor'), join('ben', 'mentee')];
    // A slash command whose thread was to post the reply: the apology comes back unposted, for the app to post.
    const slash = threads.runAndPost(request('cy', 'help'), 'http://127.0.0.1:9/never-reached');
    await Promise.all(workers.map((worker) => worker.terminate()));
    const answers = await Promise.all(running);
    for (const answer of answers) expect(answer.text).toMatch(/something went wrong on my side \(error [0-9a-f]{8}\)/);
    const { reply: apology, posted } = await slash;
    expect(posted).toBe(false);
    expect(apology.text).toMatch(/something went wrong on my side \(error [0-9a-f]{8}\)/);
    expect(lines.some((line) => line.level === 'error' && /commands running/.test(line.message))).toBe(true);
    expect(workers.length).toBe(started * 2);
    expect((await join('cy', 'mentor')).text).not.toMatch(/went wrong/);
  });

  it("posts a slash command's reply from the thread to its response URL, and rejects naming Slack's refusal", async () => {
    const fake = await startFakeSlackApi();
    try {
      const { reply, posted: byThread } = await threads.runAndPost(request('ana', 'help'), fake.responseUrl('r1'));
      expect(byThread).toBe(true);
      const posted = await fake.waitForResponse('r1');
      expect(posted.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('join') });
      expect((posted.body as { text: string }).text).toBe(reply.text);
      await expect(threads.runAndPost(request('ben', 'help'), `${fake.origin}/expired-hook`)).rejects.toThrow(
        'Slack refused the reply to its response_url: HTTP 404',
      );
      expect(finished).toEqual([
        ['help', 'ok'],
        ['help', 'ok'],
      ]);
    } finally {
      await fake.stop();
    }
  });

  it('claims the messages a command queues and hands them to the main thread to send, when it sends', async () => {
    const handedOff: PendingMessage[][] = [];
    const sending = commandThreads({
      threads: 1,
      databaseUrl: database.url!,
      preparedStatements: true,
      logLevel: 'silent',
      logFormat: 'json',
      scheduler,
      metrics: noopMetrics,
      afterCommit: () => void kicks++,
      handOff: (claimed) => void handedOff.push(claimed),
      logger: silentLogger(lines),
      newId: randomUUID,
    });
    try {
      await sending.ready();
      await sending.run(request('ana', 'join mentor skills: pricing tz: UTC languages: en capacity: 2'));
      await sending.run(request('ben', 'join mentee goals: pricing tz: UTC languages: en'));
      expect((await sending.run(request('mod', 'pair @ana @ben'))).text).toMatch(/paired/i);
      // The introduction: claimed in the pairing's transaction, handed over after its commit, no queue wake-up.
      expect(kicks).toBe(0);
      expect(handedOff).toHaveLength(1);
      expect(handedOff[0]!.map((m) => m.recipientId)).toEqual([person('ana')]);
      const { rows } = await database.db.query<{ id: number; claimed: boolean }>(
        'SELECT id, claimed_until > now() AS claimed FROM outbox',
      );
      expect(rows).toEqual([{ id: handedOff[0]![0]!.id, claimed: true }]);
    } finally {
      await sending.close();
    }
  });
});
