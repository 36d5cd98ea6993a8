import { spawn, type ChildProcess } from 'node:child_process';
import { waitFor } from '../integration/jobs/wait-for';
import { freePort } from './private-redis';

export interface BotProcess {
  child: ChildProcess;
  port: number;
  /** Everything it printed so far (JSON logs). */
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * `node bin/mentor-bot.js [args]` (what the Dockerfile runs), on a free PORT, awaited until it prints `ready`.
 * Start-up compiles the sources through tsx, so it may take a while on a busy machine.
 */
export async function startBotProcess(
  args: string[],
  env: Record<string, string>,
  ready: string,
  options: { timeoutMs?: number } = {},
): Promise<BotProcess> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['bin/mentor-bot.js', ...args], {
    env: { ...process.env, ...env, PORT: String(port), LOG_FORMAT: 'json' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await waitFor(() => output.includes(ready) || child.exitCode !== null, `the bot to say "${ready}"`, {
    timeoutMs: options.timeoutMs ?? 30_000,
  });
  if (child.exitCode !== null) throw new Error(`the bot exited (${child.exitCode}): ${output}`);
  return { child, port, output: () => output, exited };
}

/** `serve` + `worker` for one Slack workspace on the fake API, sharing a test database and a private Redis prefix. */
export const splitRoleSlackEnv = (options: {
  apiUrl: string;
  signingSecret: string;
  databaseUrl: string;
  queuePrefix: string;
}): Record<string, string> => ({
  SLACK_BOT_TOKEN: 'xoxb-T0001-fake',
  SLACK_SIGNING_SECRET: options.signingSecret,
  SLACK_API_URL: options.apiUrl,
  DATABASE_URL: options.databaseUrl,
  REDIS_URL: 'redis://127.0.0.1:6379',
  QUEUE_PREFIX: options.queuePrefix,
});

/** Settings that keep a process test on the embedded database in `dataDir`, with no Redis and no Slack. */
export const embeddedEnv = (dataDir: string): Record<string, string> => ({
  SLACK_BOT_TOKEN: '',
  SLACK_SIGNING_SECRET: '',
  SLACK_APP_TOKEN: '',
  DATA_DIR: dataDir,
  DATABASE_URL: '',
  REDIS_URL: '',
});
