import { z } from 'zod';
import { fail, ok, type Result } from './domain/result';

const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    );

/**
 * Every environment variable the bot reads, with its default. Read once at start-up; a bad value stops the
 * process with one sentence naming the variable (see `describeConfigError`).
 */
export const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// connection URL')
    .optional()
    .describe('Postgres server; unset uses the embedded PGlite in DATA_DIR'),
  DATABASE_PREPARED_STATEMENTS: z
    .enum(['on', 'off'])
    .default('on')
    .describe('off for a connection pooler that cannot keep named prepared statements (see README)'),
  DATA_DIR: z.string().min(1, 'a folder path').default('./.data'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL')
    .optional()
    .describe('Redis for BullMQ timers and queues; unset uses the in-process scheduler'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/i, 'letters, digits, dashes or underscores (at most 40)')
    .default('mentor-bot'),
  PORT: z.coerce
    .number({ error: 'a port number from 0 to 65535' })
    .int('a port number from 0 to 65535')
    .min(0, 'a port number from 0 to 65535')
    .max(65535, 'a port number from 0 to 65535')
    .default(3000),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number({ error: 'a number of milliseconds from 100 to 600000' })
    .int('a number of milliseconds from 100 to 600000')
    .min(100, 'a number of milliseconds from 100 to 600000')
    .max(600_000, 'a number of milliseconds from 100 to 600000')
    .default(10_000)
    .describe('How long SIGTERM waits for running commands and jobs before the process exits with 1'),
  COMMAND_THREADS: z.coerce
    .number({ error: 'a whole number of threads from 0 to 16' })
    .int('a whole number of threads from 0 to 16')
    .min(0, 'a whole number of threads from 0 to 16')
    .max(16, 'a whole number of threads from 0 to 16')
    .optional()
    .describe('Worker threads that run commands; unset is 1 with DATABASE_URL, 0 (the main thread) without'),
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-/, 'a bot token starting with xoxb-')
    .optional(),
  SLACK_SIGNING_SECRET: z.string().min(8, "the app's signing secret").optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'an app-level token starting with xapp- (Socket Mode)')
    .optional(),
  SLACK_API_URL: z.string().url('a URL such as https://slack.com/api/').optional(),
  SLACK_CLIENT_ID: z.string().min(1).optional(),
  SLACK_CLIENT_SECRET: z.string().min(8, "the app's client secret").optional(),
  SLACK_STATE_SECRET: z.string().min(16, 'a random string of at least 16 characters').optional(),
  DISCORD_TOKEN: z
    .string()
    .regex(/^[\w-]+\.[\w-]+\.[\w-]+$/, "the bot's token from the Developer Portal (three parts separated by dots)")
    .optional(),
  DISCORD_APPLICATION_ID: z
    .string()
    .regex(/^\d{15,21}$/, "the application's numeric id from the Developer Portal")
    .optional(),
  DISCORD_API_URL: z.string().url('a URL such as https://discord.com/api').optional(),
  DISCORD_GUILD_ID: z
    .string()
    .regex(/^\d{15,21}$/, "a server's numeric id (Developer Mode → Copy Server ID)")
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  SHELL_USER: z
    .string()
    .regex(/^[a-z0-9._-]{1,40}$/i, 'a name of letters, digits, dots, dashes or underscores')
    .default('you'),
  SHELL_MODERATORS: list('mod').pipe(
    z.array(
      z.string().regex(/^[a-z0-9._-]{1,40}$/i, 'comma-separated names of letters, digits, dots, dashes or underscores'),
    ),
  ),
});

export type Config = z.infer<typeof configSchema>;

/** Settings that only make sense together: one without the other is a mistake worth stopping for. */
function checkPairs(config: Config): Result<Config> {
  if (config.COMMAND_THREADS && !config.DATABASE_URL) {
    return fail(
      'invalid_config',
      'COMMAND_THREADS needs DATABASE_URL: the embedded database can only be used from the main thread, so unset COMMAND_THREADS or set DATABASE_URL.',
    );
  }
  if (!!config.DISCORD_TOKEN !== !!config.DISCORD_APPLICATION_ID) {
    return fail(
      'invalid_config',
      'DISCORD_TOKEN and DISCORD_APPLICATION_ID must be set together (both from your Discord application).',
    );
  }
  const oauth = [config.SLACK_CLIENT_ID, config.SLACK_CLIENT_SECRET, config.SLACK_STATE_SECRET];
  if (oauth.some(Boolean) && !oauth.every(Boolean)) {
    return fail(
      'invalid_config',
      'SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET must be set together (multi-workspace install).',
    );
  }
  if (config.SLACK_BOT_TOKEN && oauth.every(Boolean)) {
    return fail(
      'invalid_config',
      'Set SLACK_BOT_TOKEN for one workspace or SLACK_CLIENT_ID/SECRET/STATE_SECRET for many, not both.',
    );
  }
  if (config.SLACK_APP_TOKEN) {
    return config.SLACK_BOT_TOKEN
      ? ok(config)
      : fail(
          'invalid_config',
          'Socket Mode needs SLACK_BOT_TOKEN as well as SLACK_APP_TOKEN (both from your Slack app settings).',
        );
  }
  if (!!(config.SLACK_BOT_TOKEN || oauth.every(Boolean)) !== !!config.SLACK_SIGNING_SECRET) {
    return fail(
      'invalid_config',
      'SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET must be set together (both from your Slack app settings).',
    );
  }
  return ok(config);
}

/** How many threads run commands: one by default on a Postgres server; the embedded database needs the main thread. */
export const commandThreadCount = (config: Config): number => config.COMMAND_THREADS ?? (config.DATABASE_URL ? 1 : 0);

/** True when the environment configures Slack (one workspace or many). */
export const slackConfigured = (config: Config): boolean => !!(config.SLACK_SIGNING_SECRET || config.SLACK_APP_TOKEN);

/** True when the environment configures the Discord bot. */
export const discordConfigured = (config: Config): boolean => !!config.DISCORD_TOKEN;

/** Unset and empty mean the same: an `.env` line `REDIS_URL=` is not a value. */
function withoutEmpty(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]));
}

export function loadConfig(env: Record<string, string | undefined>): Result<Config> {
  const parsed = configSchema.safeParse(withoutEmpty(env));
  if (parsed.success) return checkPairs(parsed.data);
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0] ?? 'environment');
  const expected = issue.code === 'invalid_value' ? `one of ${issue.values.join(', ')}` : issue.message;
  // Never echo a secret back into a terminal or a log, nor the password inside a URL (scheme://user:pass@host).
  const value = (env[name] ?? '').replace(/\/\/[^/@]*@/, '//…@');
  const shown = /TOKEN|SECRET|PASSWORD/.test(name) ? '' : ` (got "${value}")`;
  return fail('invalid_config', `${name} must be ${expected}${shown}.`);
}
