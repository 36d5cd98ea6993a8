import { discordConfigured, loadConfig } from '../../../src/config';

const TOKEN = 'MTIz.secret-part.value';
const APP = '1200000000000000001';

describe('Discord settings in the environment', () => {
  it('reads the token, application id, API URL and development server', () => {
    const config = loadConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_APPLICATION_ID: APP,
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
      DISCORD_GUILD_ID: '1300000000000000001',
    });
    expect(config.ok && discordConfigured(config.value)).toBe(true);
    const none = loadConfig({});
    expect(none.ok && discordConfigured(none.value)).toBe(false);
  });

  it('wants the token and the application id together', () => {
    expect(loadConfig({ DISCORD_TOKEN: TOKEN })).toEqual({
      ok: false,
      code: 'invalid_config',
      message: 'DISCORD_TOKEN and DISCORD_APPLICATION_ID must be set together (both from your Discord application).',
    });
  });

  it('names a bad value in one sentence, never echoing the token', () => {
    const badToken = loadConfig({ DISCORD_TOKEN: 'not a token', DISCORD_APPLICATION_ID: APP });
    expect(badToken).toMatchObject({
      ok: false,
      message: "DISCORD_TOKEN must be the bot's token from the Developer Portal (three parts separated by dots).",
    });
    expect(loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: 'my-app' })).toMatchObject({
      message: 'DISCORD_APPLICATION_ID must be the application\'s numeric id from the Developer Portal (got "my-app").',
    });
    expect(loadConfig({ DISCORD_GUILD_ID: 'x' })).toMatchObject({
      message: expect.stringMatching(/^DISCORD_GUILD_ID must be/),
    });
  });
});
