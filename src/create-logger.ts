import pino from 'pino';
import pretty from 'pino-pretty';
import type { Logger } from './ports/logger';

/** Anything that looks like a credential is replaced before a line is written. */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'secret',
  '*.secret',
  '*.signingSecret',
  '*.clientSecret',
  'password',
  '*.password',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  '*.headers["x-slack-signature"]',
  'databaseUrl',
  '*.databaseUrl',
  'note',
  '*.note',
  // PGlite's errors carry the statement's parameters (a check-in note, a feedback comment) as `params`, and
  // Postgres's constraint errors quote the whole failing row in `detail`.
  'err.params',
  '*.err.params',
  'err.detail',
  '*.err.detail',
];

export interface LoggerOptions {
  level: string;
  format: 'auto' | 'pretty' | 'json';
  /** Where lines go; the shell keeps stdout for the conversation, so logs go to stderr (fd 2). */
  destination?: number | NodeJS.WritableStream;
}

/** pino, pretty in a terminal and JSON otherwise. */
export function createLogger(options: LoggerOptions): Logger {
  const destination = options.destination ?? 1;
  const isTerminal =
    typeof destination === 'number' ? !!(destination === 2 ? process.stderr : process.stdout).isTTY : false;
  const usePretty = options.format === 'pretty' || (options.format === 'auto' && isTerminal);
  const base = { level: options.level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  if (usePretty) {
    return pino(
      base,
      pretty({ destination: typeof destination === 'number' ? destination : 1, sync: true, colorize: isTerminal }),
    );
  }
  return pino(base, typeof destination === 'number' ? pino.destination({ fd: destination, sync: true }) : destination);
}
