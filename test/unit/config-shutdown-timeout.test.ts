import { loadConfig } from '../../src/config';

describe('SHUTDOWN_TIMEOUT_MS', () => {
  it('defaults to 10 seconds, and an empty value means the default', () => {
    const unset = loadConfig({});
    const empty = loadConfig({ SHUTDOWN_TIMEOUT_MS: '' });
    expect(unset.ok && unset.value.SHUTDOWN_TIMEOUT_MS).toBe(10_000);
    expect(empty.ok && empty.value.SHUTDOWN_TIMEOUT_MS).toBe(10_000);
  });

  it('takes a whole number of milliseconds', () => {
    const config = loadConfig({ SHUTDOWN_TIMEOUT_MS: '25000' });
    expect(config.ok && config.value.SHUTDOWN_TIMEOUT_MS).toBe(25_000);
  });

  it.each(['soon', '1.5', '50', '600001', '-1'])('refuses %s with one sentence naming the variable', (value) => {
    expect(loadConfig({ SHUTDOWN_TIMEOUT_MS: value })).toEqual({
      ok: false,
      code: 'invalid_config',
      message: `SHUTDOWN_TIMEOUT_MS must be a number of milliseconds from 100 to 600000 (got "${value}").`,
    });
  });
});
