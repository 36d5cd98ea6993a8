/**
 * `npm run bench:commands`: signed `/mentor` slash commands sent open-loop at a steady RATE to the real app's
 * `/slack/events` on loopback, against a bare Bolt app that only acknowledges, in one run.
 *
 * The app under test is `node --max-semi-space-size=4 bin/mentor-bot.js`, as `npm start` runs it (all-in-one:
 * the Slack endpoint, BullMQ timers and outbound sending), in a child process on a private database of the
 * local Postgres and a private QUEUE_PREFIX on the local Redis, talking to the fake Slack Web API (users.info,
 * response_url replies, DMs) in this process. The bare app (bench/bare-slack-app.ts) runs in a child process
 * too, and gets the same commands from the same request builder. USERS people sign up and are paired first (not measured), both apps are warmed up, then
 * ROUNDS rounds alternate a DURATION-second measured phase on each. Latency is from when a command was due to
 * be sent to the end of its HTTP ack; for ours, every command's response_url reply must also arrive.
 * RATE (200/s), DURATION (15 s), ROUNDS (3), USERS (500), WARMUP (5 s), REPLY_WAIT (30 s); ROLE=split runs
 * `mentor-bot serve` (measured) and `mentor-bot worker` as two processes instead of the all-in-one default;
 * PROFILE=1 writes a CPU profile of the app to bench/results/profiles. CPU per command comes from /proc: the
 * app's process and its main thread, the whole machine, and Postgres. Results: bench/results/commands.json.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import packageJson from '../package.json';
import { startFakeSlackApi } from '../test/harness/fake-slack-api';
import { freePort } from '../test/helpers/private-redis';
import {
  cleanupStack,
  createBenchDatabase,
  deleteRedisKeys,
  machineBusyMs,
  postgresCpuMs,
  REDIS_URL,
  SERVER_URL,
  startChild,
  type BenchChild,
} from './bench-processes';
import { commandMix, population, type Slash } from './command-mix';
import { median, phaseStats, replyIndex, round1, type PhaseStats } from './command-phase-stats';
import { loadGenerator, type Target } from './slash-load';

/** An app under load: the load thread keeps the connections. */
type App = Omit<Target, 'agent'>;

const rate = Number(process.env.RATE ?? 200);
const durationSeconds = Number(process.env.DURATION ?? 15);
const rounds = Number(process.env.ROUNDS ?? 3);
const users = Number(process.env.USERS ?? 500);
const warmupSeconds = Number(process.env.WARMUP ?? 5);
const replyWaitMs = Number(process.env.REPLY_WAIT ?? 30) * 1000;
const profile = process.env.PROFILE === '1';
const split = process.env.ROLE === 'split';

const SECRET = 'bench-signing-secret';
/** The Node flags of `npm start`, the same as the Dockerfile's ENTRYPOINT (README: "Young generation"). */
const APP_NODE_FLAGS = packageJson.scripts.start.split(' ').filter((word) => word.startsWith('--'));
const TOKEN = 'xoxb-T0001-fake';
const resultsDir = join(__dirname, 'results');
async function main(): Promise<void> {
  const cleanup = cleanupStack();
  try {
    await run(cleanup.add);
  } finally {
    await cleanup.run();
  }
}

async function run(onCleanup: (what: string, step: () => Promise<unknown>) => void): Promise<void> {
  const fake = await startFakeSlackApi({ users: { UMOD: { isAdmin: true } } });
  onCleanup('stop the fake Slack API', () => fake.stop());
  const database = await createBenchDatabase(SERVER_URL);
  onCleanup('drop the database', () => database.drop());
  const prefix = `mbbench-cmd-${randomUUID().slice(0, 8)}`;
  onCleanup('delete the Redis keys', () => deleteRedisKeys(REDIS_URL, prefix));
  const [oursPort, barePort, workerPort] = [await freePort(), await freePort(), await freePort()];
  const env = {
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.url,
    DATABASE_URL: database.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    LOG_FORMAT: 'json',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  const children: BenchChild[] = [];
  // Registered before starting and filled as each one is up; stopped before the database is dropped.
  onCleanup('stop the apps', () => Promise.all(children.map((c) => c.stop())));
  const start = (name: string, args: string[], port: number, ready: RegExp) =>
    startChild(name, args, { ...env, PORT: String(port) }, ready).then((child) => (children.push(child), child));
  const profileArgs = profile ? ['--cpu-prof', '--cpu-prof-dir', join(resultsDir, 'profiles')] : [];
  // ROLE=split: `serve` answers Slack and a separate `worker` process runs timers and sending.
  const oursArgs = [...profileArgs, ...APP_NODE_FLAGS, 'bin/mentor-bot.js', ...(split ? ['serve'] : [])];
  const [ours, bare] = await Promise.all([
    start('mentor-bot', oursArgs, oursPort, /listening/),
    start('bare Bolt', ['--require', 'tsx/cjs', 'bench/bare-slack-app.ts'], barePort, /listening/),
    ...(split
      ? [start('mentor-bot worker', [...APP_NODE_FLAGS, 'bin/mentor-bot.js', 'worker'], workerPort, /worker running/)]
      : []),
  ]);
  const target = (port: number): App => ({
    url: new URL(`http://127.0.0.1:${port}/slack/events`),
    signingSecret: SECRET,
  });
  const apps = { bare: target(barePort), ours: target(oursPort) };
  const replies = replyIndex(fake);
  const db = new Client({ connectionString: database.url });
  await db.connect();
  onCleanup('close the bench connection', () => db.end());

  /** Waits (bounded) until the app has no messages due in its outbox, so its sending does not overlap a phase. */
  const outboxDrained = async () => {
    const deadline = Date.now() + replyWaitMs;
    const due = `SELECT count(*)::int AS n FROM outbox WHERE failed_at IS NULL AND (not_before IS NULL OR not_before <= now())`;
    while (Date.now() < deadline) {
      const n = await db.query<{ n: number }>(due).then(
        (r) => r.rows[0]!.n,
        () => 0,
      );
      if (n === 0) return;
      await sleep(200);
    }
  };
  // The generator runs on its own thread: the fake taking our app's replies (the bare app sends none) must
  // not delay the sending and timing of the next commands.
  const generator = loadGenerator();
  onCleanup('stop the load generator', () => generator.close());
  const send = (app: App, count: number, next: () => Slash) =>
    generator.send({
      url: app.url.href,
      signingSecret: app.signingSecret,
      responseUrlPrefix: fake.responseUrl(''),
      rate,
      commands: Array.from({ length: count }, next),
    });

  // Seeding (not measured): everyone signs up, then the moderator pairs the first mentors with a mentee each.
  const pop = population(users);
  const seeding: Record<string, { sent: number; done: number }> = {};
  for (const [step, commands, expected] of [
    ['sign-ups', pop.signups, /^Welcome/],
    ['pairings', pop.pairings, /^Paired/],
  ] as const) {
    let i = 0;
    const sent = await send(apps.ours, commands.length, () => commands[i++]!);
    const got = await replies.waitFor(sent, replyWaitMs);
    const done = sent.filter((s) => expected.test(got.get(s.replyId)?.text ?? '')).length;
    seeding[step] = { sent: sent.length, done };
    if (done < sent.length * 0.9) {
      const sample = sent.find((s) => !expected.test(got.get(s.replyId)?.text ?? ''));
      throw new Error(
        `seeding ${step}: only ${done} of ${sent.length} succeeded; e.g. "${sample?.slash.text}" got ` +
          `"${got.get(sample?.replyId ?? '')?.text ?? 'no reply'}"\n${ours.tail()}`,
      );
    }
  }
  console.log(
    `seeded: ${seeding['sign-ups']!.done} sign-ups, ${seeding['pairings']!.done} pairings (${users} users + a moderator)`,
  );

  // Warm-up (not measured): the same mix on both apps, so JIT, connection pools and caches are warm.
  const warmCount = Math.round(warmupSeconds * rate);
  for (const app of [apps.bare, apps.ours]) {
    const sent = await send(app, warmCount, commandMix(pop, 1000));
    if (app === apps.ours) await replies.waitFor(sent, replyWaitMs);
  }
  await outboxDrained();

  const count = Math.round(durationSeconds * rate);
  const perRound: { round: number; bare: PhaseStats; ours: PhaseStats }[] = [];
  for (let r = 1; r <= rounds; r++) {
    const result: Partial<Record<'bare' | 'ours', PhaseStats>> = {};
    // Alternate the order, so drift on the shared machine does not always favour the same app.
    for (const who of r % 2 === 1 ? (['bare', 'ours'] as const) : (['ours', 'bare'] as const)) {
      await sleep(1000);
      const child = who === 'ours' ? ours : bare;
      const cpuNow = () => ({
        process: child.cpuMs(),
        mainThread: child.mainThreadCpuMs(),
        machine: machineBusyMs(),
        postgres: postgresCpuMs(),
      });
      const cpuBefore = cpuNow();
      const sent = await send(apps[who], count, commandMix(pop, r));
      // For ours, read once its replies are in: they are part of what the commands cost.
      const cpuSince = () => {
        const after = cpuNow();
        return {
          process: after.process - cpuBefore.process,
          mainThread: after.mainThread - cpuBefore.mainThread,
          machine: after.machine - cpuBefore.machine,
          postgres: after.postgres - cpuBefore.postgres,
        };
      };
      if (who === 'ours') {
        const got = await replies.waitFor(sent, replyWaitMs);
        result.ours = phaseStats(sent, cpuSince(), got);
        await outboxDrained();
      } else {
        result.bare = phaseStats(sent, cpuSince());
      }
    }
    perRound.push({ round: r, bare: result.bare!, ours: result.ours! });
    console.log(
      `round ${r}: p99 bare ${result.bare!.p99} ms, ours ${result.ours!.p99} ms; ` +
        `replies ${result.ours!.replies!.arrived}/${result.ours!.sent}`,
    );
  }

  const summarize = (who: 'bare' | 'ours') => {
    const phases = perRound.map((p) => p[who]);
    const sum = (f: (p: PhaseStats) => number) => phases.reduce((s, p) => s + f(p), 0);
    return {
      p50: round1(median(phases.map((p) => p.p50))),
      p99: round1(median(phases.map((p) => p.p99))),
      max: round1(median(phases.map((p) => p.max))),
      sent: sum((p) => p.sent),
      non200: sum((p) => p.non200),
      socketErrors: sum((p) => p.socketErrors),
      maxSendLagMs: Math.max(...phases.map((p) => p.maxSendLagMs)),
      cpuMsPerCommand: median(phases.map((p) => p.cpuMsPerCommand)),
      mainThreadMsPerCommand: median(phases.map((p) => p.mainThreadMsPerCommand)),
      machineMsPerCommand: median(phases.map((p) => p.machineMsPerCommand)),
      postgresMsPerCommand: median(phases.map((p) => p.postgresMsPerCommand)),
      ...(who === 'ours' && {
        replies: {
          arrived: sum((p) => p.replies!.arrived),
          apologies: sum((p) => p.replies!.apologies),
          p50: median(phases.map((p) => p.replies!.p50)),
          p99: median(phases.map((p) => p.replies!.p99)),
        },
      }),
    };
  };
  const bareSummary = summarize('bare');
  const oursSummary = summarize('ours');
  const ratio = oursSummary.p99 / bareSummary.p99;
  const errors =
    oursSummary.non200 +
    oursSummary.socketErrors +
    (oursSummary.sent - oursSummary.replies!.arrived) +
    oursSummary.replies!.apologies;
  const logged = { ours: ours.errorLines(), bare: bare.errorLines() };
  // Web API calls the app made over the whole run (seeding included): a per-command auth.test would show here.
  const slackCalls: Record<string, number> = {};
  for (const call of fake.calls) slackCalls[call.method] = (slackCalls[call.method] ?? 0) + 1;

  console.log(
    `\ncommands: ${rate}/s open loop, ${durationSeconds} s × ${rounds} rounds per app, ${users} users; ` +
      `${split ? 'serve + worker' : 'all-in-one'}; ack latency (ms, median over rounds)`,
  );
  const header = [
    'app',
    'p50',
    'p99',
    'max',
    'sent',
    'non-200',
    'socket errors',
    'replies',
    'reply p50',
    'reply p99',
    'CPU ms/command',
    'main thread',
    'machine',
    'Postgres',
  ];
  const row = (name: string, s: typeof oursSummary) => [
    name,
    s.p50,
    s.p99,
    s.max,
    s.sent,
    s.non200,
    s.socketErrors,
    s.replies ? `${s.replies.arrived}/${s.sent}` : '-',
    s.replies ? s.replies.p50 : '-',
    s.replies ? s.replies.p99 : '-',
    s.cpuMsPerCommand,
    s.mainThreadMsPerCommand,
    s.machineMsPerCommand,
    s.postgresMsPerCommand,
  ];
  const cells = [header, row('bare Bolt', bareSummary), row('mentor-bot', oursSummary)].map((r) => r.map(String));
  const widths = cells[0]!.map((_, c) => Math.max(...cells.map((r) => r[c]!.length)));
  for (const r of cells)
    console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
  console.log(
    `p99 ours ${oursSummary.p99} ms (target < 300), ours ÷ bare ${ratio.toFixed(2)} (target < 2); ` +
      `errors ${errors} (non-200, socket, missing replies, apologies; target 0); ` +
      `error lines logged: ours ${logged.ours}, bare ${logged.bare}; ` +
      `max generator lag ${Math.max(oursSummary.maxSendLagMs, bareSummary.maxSendLagMs)} ms`,
  );
  console.log(`Web API calls by the app over the run: ${JSON.stringify(slackCalls)}`);
  const met = oursSummary.p99 < 300 && ratio < 2 && errors === 0;
  console.log(met ? 'targets met' : 'targets MISSED');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, 'commands.json'),
    JSON.stringify(
      {
        rate,
        role: split ? 'serve + worker' : 'all-in-one',
        durationSeconds,
        rounds,
        users,
        warmupSeconds,
        seeding,
        bare: bareSummary,
        ours: oursSummary,
        ratio,
        errors,
        errorLinesLogged: logged,
        slackCalls,
        targetsMet: met,
        perRound,
      },
      null,
      2,
    ),
  );
  if (logged.ours > 0) console.log(`last lines of the app's log:\n${ours.tail()}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
