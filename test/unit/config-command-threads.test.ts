import { commandThreadCount, loadConfig } from '../../src/config';

const DATABASE_URL = 'postgres://bot@db:5432/mentor_bot';

describe('COMMAND_THREADS', () => {
  it('is one thread on a Postgres server and the main thread on the embedded database, unless set', () => {
    const count = (env: Record<string, string>) => {
      const config = loadConfig(env);
      return config.ok ? commandThreadCount(config.value) : config.message;
    };
    expect(count({ DATABASE_URL })).toBe(1);
    expect(count({})).toBe(0);
    expect(count({ DATABASE_URL, COMMAND_THREADS: '3' })).toBe(3);
    expect(count({ DATABASE_URL, COMMAND_THREADS: '0' })).toBe(0);
    expect(count({ COMMAND_THREADS: '0' })).toBe(0);
  });

  it('refuses threads without a Postgres server, and values that are not a small whole number', () => {
    expect(loadConfig({ COMMAND_THREADS: '2' })).toEqual({
      ok: false,
      code: 'invalid_config',
      message:
        'COMMAND_THREADS needs DATABASE_URL: the embedded database can only be used from the main thread, so unset COMMAND_THREADS or set DATABASE_URL.',
    });
    for (const value of ['-1', '17', '1.5', 'many']) {
      expect(loadConfig({ DATABASE_URL, COMMAND_THREADS: value })).toEqual({
        ok: false,
        code: 'invalid_config',
        message: `COMMAND_THREADS must be a whole number of threads from 0 to 16 (got "${value}").`,
      });
    }
  });
});
