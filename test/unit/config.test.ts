import { loadConfig } from '../../src/config';

describe('configuration from the environment', () => {
  it('wants the three multi-workspace settings together, and not alongside a bot token', () => {
    expect(loadConfig({ SLACK_CLIENT_ID: 'id', SLACK_SIGNING_SECRET: 'abcdefgh' })).toMatchObject({
      ok: false,
      message:
        'SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET must be set together (multi-workspace install).',
    });
    const oauth = {
      SLACK_CLIENT_ID: 'id',
      SLACK_CLIENT_SECRET: 'secret-12',
      SLACK_STATE_SECRET: 'state-0123456789abc',
    };
    expect(loadConfig({ ...oauth, SLACK_SIGNING_SECRET: 'abcdefgh' })).toMatchObject({ ok: true });
    expect(loadConfig({ ...oauth, SLACK_SIGNING_SECRET: 'abcdefgh', SLACK_BOT_TOKEN: 'xoxb-1' })).toMatchObject({
      ok: false,
      message: 'Set SLACK_BOT_TOKEN for one workspace or SLACK_CLIENT_ID/SECRET/STATE_SECRET for many, not both.',
    });
  });

  it('runs Socket Mode with a bot token and an app token, no signing secret needed', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).toMatchObject({ ok: true });
    expect(loadConfig({ SLACK_APP_TOKEN: 'xapp-1' })).toMatchObject({
      ok: false,
      message: 'Socket Mode needs SLACK_BOT_TOKEN as well as SLACK_APP_TOKEN (both from your Slack app settings).',
    });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' })).toMatchObject({
      ok: false,
      message: 'SLACK_APP_TOKEN must be an app-level token starting with xapp- (Socket Mode).',
    });
  });

  it('wants the Slack token and signing secret together, and never echoes a secret', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual({
      ok: false,
      code: 'invalid_config',
      message: 'SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET must be set together (both from your Slack app settings).',
    });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: 'abcdefgh' })).toEqual({
      ok: false,
      code: 'invalid_config',
      message: 'SLACK_BOT_TOKEN must be a bot token starting with xoxb-.',
    });
  });

  it('has a working default for everything', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      ok: true,
      value: {
        DATABASE_PREPARED_STATEMENTS: 'on',
        DATA_DIR: './.data',
        QUEUE_PREFIX: 'mentor-bot',
        PORT: 3000,
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'auto',
        SHELL_USER: 'you',
        SHELL_MODERATORS: ['mod'],
        SHUTDOWN_TIMEOUT_MS: 10_000,
      },
    });
  });

  it('treats an empty value as unset', () => {
    const config = loadConfig({ DATABASE_URL: '', SHELL_MODERATORS: '' });
    expect(config.ok && config.value.DATABASE_URL).toBeUndefined();
    expect(config.ok && config.value.SHELL_MODERATORS).toEqual(['mod']);
  });

  it('reads lists and URLs', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://u:p@db:5432/x', SHELL_MODERATORS: 'ana, mod ,bo' });
    expect(config.ok && config.value.DATABASE_URL).toBe('postgresql://u:p@db:5432/x');
    expect(config.ok && config.value.SHELL_MODERATORS).toEqual(['ana', 'mod', 'bo']);
  });

  it.each([
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud").'],
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT must be one of auto, pretty, json (got "xml").'],
    [{ DATABASE_PREPARED_STATEMENTS: 'yes' }, 'DATABASE_PREPARED_STATEMENTS must be one of on, off (got "yes").'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL (got "localhost:6379").'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL must be a postgres:// connection URL (got "mysql://x").'],
    [
      { SHELL_USER: 'Ann Lee' },
      'SHELL_USER must be a name of letters, digits, dots, dashes or underscores (got "Ann Lee").',
    ],
    [
      { SHELL_MODERATORS: 'ok,not ok' },
      'SHELL_MODERATORS must be comma-separated names of letters, digits, dots, dashes or underscores (got "ok,not ok").',
    ],
    [{ PORT: 'http' }, 'PORT must be a port number from 0 to 65535 (got "http").'],
    [{ PORT: '70000' }, 'PORT must be a port number from 0 to 65535 (got "70000").'],
  ])('rejects %j with one sentence naming the variable', (env, message) => {
    expect(loadConfig(env)).toEqual({ ok: false, code: 'invalid_config', message });
  });
});
