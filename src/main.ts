import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { startOpsHttpServer } from '../adapters/http/ops-http-server';
import { runShell } from '../adapters/shell/run-shell';
import { shellMessenger } from '../adapters/shell/shell-messenger';
import { discordPlatform } from '../adapters/discord/discord-platform';
import { slackPlatform } from '../adapters/slack/slack-platform';
import { databaseReadiness } from '../db/database-readiness';
import { openDatabase } from '../db/open-database';
import { postgresStore } from '../db/postgres-store';
import { slackInstallationStore } from '../db/slack-installation-store';
import { createOutbound } from '../jobs/create-outbound';
import { createScheduler } from '../jobs/create-scheduler';
import { redisReadiness } from '../jobs/redis-readiness';
import { runMatchCli } from './cli/run-match-cli';
import { communitySettingsOf } from './commands/community-settings-of';
import { knownSkills } from './commands/known-skills';
import { commandRunner } from './commands/run-command';
import type { CoreDeps } from './commands/run-in-context';
import { commandThreadCount, discordConfigured, loadConfig, slackConfigured, type Config } from './config';
import { createLogger } from './create-logger';
import { RECONCILE_AT_START_ID, reconcileTimers } from './delivery/reconcile-timers';
import { watchReconcileSchedule } from './delivery/reconcile-watchdog';
import { routingMessenger } from './delivery/routing-messenger';
import { scheduledTaskRunner } from './delivery/scheduled-task-runner';
import { inFlightWork } from './lifecycle/in-flight-work';
import { onShutdownSignal } from './lifecycle/on-shutdown-signal';
import { opsRoutes } from './observability/ops-routes';
import { prometheusMetrics } from './observability/prometheus-metrics';
import { systemClock } from './ports/clock';
import type { Logger } from './ports/logger';
import { noopMetrics, type Metrics } from './ports/metrics';
import type { Outbound } from './ports/outbound';
import type { Scheduler } from './ports/scheduler';
import type { PendingMessage, Store } from './ports/store';
import { commandThreads, type CommandThreads } from './threads/command-threads';

const USAGE = `Usage: mentor-bot                           the Slack app / Discord bot when SLACK_* / DISCORD_* is set, else the local shell
       mentor-bot serve                      answer Slack and Discord only (timers and sending run in workers; needs REDIS_URL)
       mentor-bot worker                     run timers and send messages only (needs REDIS_URL)
       mentor-bot shell [--script FILE]      chat with the bot in this terminal
       mentor-bot match --in FILE [--out FILE]  pair signups from a JSON or CSV file, offline
       mentor-bot migrate                    apply database migrations and exit
       mentor-bot help                       show this text`;

class UsageError extends Error {}

/** Where the database is, and how to talk to a server (DATABASE_PREPARED_STATEMENTS). */
const databaseOptions = (config: Config) => ({
  databaseUrl: config.DATABASE_URL,
  dataDir: config.DATA_DIR,
  preparedStatements: config.DATABASE_PREPARED_STATEMENTS === 'on',
});

/** The core's ports; every commit nudges the outbound queue so its messages go out promptly. */
function coreDeps(store: Store, scheduler: Scheduler, outbound: Outbound, logger: Logger, metrics?: Metrics): CoreDeps {
  return {
    ...(metrics && { metrics }),
    store,
    clock: systemClock,
    logger,
    scheduler,
    newId: randomUUID,
    afterCommit: () => void outbound.kick().catch((err: unknown) => logger.warn({ err }, 'could not queue messages')),
  };
}

/** Commands run on worker threads (see src/threads) when a Postgres server is configured; null keeps them here. */
function startCommandThreads(config: Config, deps: CoreDeps, outbound: Outbound | null): CommandThreads | null {
  const count = commandThreadCount(config);
  if (count === 0 || !config.DATABASE_URL) return null;
  return commandThreads({
    threads: count,
    databaseUrl: config.DATABASE_URL,
    preparedStatements: databaseOptions(config).preparedStatements,
    logLevel: config.LOG_LEVEL,
    logFormat: config.LOG_FORMAT,
    scheduler: deps.scheduler,
    metrics: deps.metrics ?? noopMetrics,
    afterCommit: () => deps.afterCommit?.(),
    // Where this process sends messages, a command's messages go out from here at once, without a queue job.
    ...(outbound && { handOff: (claimed: PendingMessage[]) => void outbound.handOff(claimed) }),
    logger: deps.logger,
    newId: deps.newId,
  });
}

interface Cli {
  command: 'default' | 'shell' | 'serve' | 'worker' | 'migrate' | 'match' | 'help';
  script?: string;
  /** Arguments a sub-command parses itself. */
  rest: string[];
}

function parseArgs(argv: string[]): Cli {
  const [first, ...rest] = argv;
  const command = first === undefined || first.startsWith('-') ? 'default' : first;
  const flags = first === undefined || first.startsWith('-') ? argv : rest;
  if (command === 'help' || command === '--help' || command === '-h') return { command: 'help', rest: [] };
  if (command === 'match') return { command: 'match', rest: flags };
  if (!['default', 'shell', 'serve', 'worker', 'migrate'].includes(command)) {
    throw new UsageError(`Unknown command "${command}".`);
  }
  const cli: Cli = { command: command as Cli['command'], rest: [] };
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i];
    if (flag === '--script' && (command === 'shell' || command === 'default')) {
      const file = flags[++i];
      if (!file) throw new UsageError('--script needs a file name.');
      if (!existsSync(file)) throw new UsageError(`--script file "${file}" does not exist.`);
      cli.script = file;
    } else if (flag === '--help' || flag === '-h') {
      return { command: 'help', rest: [] };
    } else {
      throw new UsageError(`Unknown option "${flag}" for ${command}.`);
    }
  }
  return cli;
}

async function runLocalShell(config: Config, cli: Cli): Promise<void> {
  const logger = createLogger({
    level: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL,
    format: config.LOG_FORMAT,
    destination: 2,
  });
  const db = await openDatabase(databaseOptions(config));
  const store = postgresStore(db);
  const queues = { redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, logger };
  const scheduler = createScheduler(queues);
  const write = (line: string) => process.stdout.write(`${line}\n`);
  const outbound = createOutbound({ ...queues, store, messenger: shellMessenger(write), clock: systemClock });
  const deps = coreDeps(store, scheduler, outbound, logger);
  const fromScript = cli.script !== undefined;
  const interactive = !fromScript && !!process.stdin.isTTY;
  try {
    await reconcileTimers(deps);
    await scheduler.start(scheduledTaskRunner(deps, outbound));
    await outbound.start();
    await runShell({
      input: fromScript ? createReadStream(cli.script!) : process.stdin,
      write,
      echo: !interactive,
      interactive,
      firstUser: config.SHELL_USER,
      moderators: config.SHELL_MODERATORS,
      runCommand: commandRunner(deps),
      deliver: () => outbound.kick(),
    });
  } finally {
    await scheduler.stop();
    await outbound.stop();
    await store.close();
  }
}

type Role = 'all' | 'serve' | 'worker';

/**
 * The bot for the configured chat platforms (Slack, Discord or both). `serve` answers them; `worker` runs timers
 * and sends messages (to each person through their platform's messenger); the default
 * does both in one process. Split roles share the work through Redis, so several of each can run.
 */
async function runBot(config: Config, role: Role): Promise<number> {
  const logger = createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT });
  if (!slackConfigured(config) && !discordConfigured(config)) {
    process.stderr.write(
      `mentor-bot ${role} needs Slack or Discord settings: SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN, or SLACK_CLIENT_ID/SECRET/STATE_SECRET with SLACK_SIGNING_SECRET (see README "Connect Slack"); or DISCORD_TOKEN with DISCORD_APPLICATION_ID (see "Connect Discord").\n`,
    );
    return 78;
  }
  if (role !== 'all' && !config.REDIS_URL) {
    process.stderr.write(
      `mentor-bot ${role} shares its work with the other processes through Redis: set REDIS_URL, or run \`mentor-bot\` for one process doing everything.\n`,
    );
    return 78;
  }
  const db = await openDatabase(databaseOptions(config));
  const store = postgresStore(db);
  const metrics = prometheusMetrics({ pairings: store, logger });
  const redisCheck = config.REDIS_URL ? redisReadiness(config.REDIS_URL) : null;
  const routes = opsRoutes({
    readiness: [...databaseReadiness(db), ...(redisCheck ? [redisCheck] : [])],
    metrics,
    logger,
  });
  // `metrics` rides along for the queues to count jobs and nudges with.
  const queues = { redisUrl: config.REDIS_URL, prefix: config.QUEUE_PREFIX, logger, metrics };
  const scheduler = createScheduler(queues);
  const slack = !slackConfigured(config)
    ? null
    : slackPlatform({
        signingSecret: config.SLACK_SIGNING_SECRET,
        appToken: config.SLACK_APP_TOKEN,
        botToken: config.SLACK_BOT_TOKEN,
        oauth:
          config.SLACK_CLIENT_ID && config.SLACK_CLIENT_SECRET && config.SLACK_STATE_SECRET
            ? {
                clientId: config.SLACK_CLIENT_ID,
                clientSecret: config.SLACK_CLIENT_SECRET,
                stateSecret: config.SLACK_STATE_SECRET,
                installationStore: slackInstallationStore(db),
              }
            : undefined,
        apiUrl: config.SLACK_API_URL,
        logger,
      });
  const discord = !config.DISCORD_TOKEN
    ? null
    : discordPlatform({
        token: config.DISCORD_TOKEN,
        apiUrl: config.DISCORD_API_URL,
        logger,
        fallbackChannelFor: async (communityId) => (await communitySettingsOf(store, communityId)).fallbackChannel,
      });
  const messenger = routingMessenger({
    ...(slack && { slack: slack.messenger }),
    ...(discord && { discord: discord.messenger }),
  });
  const outbound = createOutbound({ ...queues, store, messenger, clock: systemClock });
  const deps = coreDeps(store, scheduler, outbound, logger, metrics);
  // Shutdown waits for these: commands from any platform, and each Slack request until its answer is sent.
  const inFlight = inFlightWork();
  const threads = role === 'worker' ? null : startCommandThreads(config, deps, role === 'all' ? outbound : null);
  await threads?.ready();
  const runCommand = threads ? threads.run : commandRunner(deps);
  const trackedCommand: typeof runCommand = (request) => inFlight.run(() => runCommand(request));
  // Slack's HTTP receiver serves the ops endpoints on PORT; workers and Socket Mode get a listener of their own,
  // opened before any work starts so that a taken port stops the process at once.
  const opsServer =
    role === 'worker' || !slack || config.SLACK_APP_TOKEN ? await startOpsHttpServer(routes, config.PORT) : null;
  if (role !== 'serve') {
    // One reconcile at start-up, by whichever worker takes the job (the id is shared), then every 5 minutes.
    await scheduler.schedule(RECONCILE_AT_START_ID, systemClock.now(), { type: 'reconcile' });
    await scheduler.start(scheduledTaskRunner(deps, outbound));
    await outbound.start();
  }
  // If Redis loses the 5-minute schedule too (a flush, a failover), it is noticed within a minute.
  const watchdog = role !== 'serve' ? watchReconcileSchedule(deps) : null;
  const app =
    role !== 'worker' && slack
      ? await slack.serve(trackedCommand, config.PORT, {
          routes,
          track: (handle) => inFlight.run(handle),
          // A command thread posts the slash command's reply itself, sparing the thread that acknowledges.
          ...(threads && {
            runAndPost: (request, responseUrl) => inFlight.run(() => threads.runAndPost(request, responseUrl)),
          }),
        })
      : null;
  // The gateway connection answers interactions; a worker only sends, over REST, and never logs in to it.
  const discordClient =
    role !== 'worker' && discord
      ? await discord.serve({
          runCommand: trackedCommand,
          knownSkills: (communityId, prefix) => knownSkills(store, communityId, prefix),
        })
      : null;
  logger.info(
    {
      role,
      port: opsServer ? opsServer.port : config.PORT,
      database: db.kind,
      redis: !!config.REDIS_URL,
      discord: !!discordClient,
      commandThreads: threads ? commandThreadCount(config) : 0,
    },
    !app
      ? discordClient
        ? 'Discord bot connected'
        : 'worker running'
      : config.SLACK_APP_TOKEN
        ? 'Slack app connected (Socket Mode)'
        : 'Slack app listening on /slack/events',
  );
  return onShutdownSignal(
    async () => {
      logger.info({ role, inFlight: inFlight.count }, 'shutting down');
      // New events first (the listener closes), then what is already running, then the connections it needs.
      await app?.stop();
      watchdog?.stop();
      await discordClient?.destroy();
      await inFlight.idle();
      await threads?.close();
      await scheduler.stop();
      await outbound.stop();
      await opsServer?.close();
      redisCheck?.close();
      await store.close();
      logger.info({ role }, 'shut down cleanly');
    },
    { timeoutMs: config.SHUTDOWN_TIMEOUT_MS, logger },
  );
}

async function main(argv: string[]): Promise<number> {
  let cli: Cli;
  try {
    cli = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (cli.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (cli.command === 'match') {
    return runMatchCli(cli.rest, {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      now: new Date(),
    });
  }
  const config = loadConfig(process.env);
  if (!config.ok) {
    process.stderr.write(`Configuration error: ${config.message}\n`);
    return 78;
  }
  if (cli.command === 'migrate') {
    const db = await openDatabase(databaseOptions(config.value));
    await db.close();
    process.stdout.write(`Database is up to date (${db.kind}).\n`);
    return 0;
  }
  if (cli.command === 'serve' || cli.command === 'worker') return runBot(config.value, cli.command);
  const platform = slackConfigured(config.value) || discordConfigured(config.value);
  if (cli.command === 'default' && platform && !cli.script) return runBot(config.value, 'all');
  await runLocalShell(config.value, cli);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`mentor-bot failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
