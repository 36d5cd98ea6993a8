import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/ports/logger';

/** Bolt's own log lines go through our logger (and its redaction) instead of the console. */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'slack-bolt' });
  const line = (parts: unknown[]) => parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  let level = LogLevel.INFO;
  return {
    debug: (...parts) => log.debug({}, line(parts)),
    info: (...parts) => log.info({}, line(parts)),
    warn: (...parts) => log.warn({}, line(parts)),
    error: (...parts) => log.error({}, line(parts)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
