import { loadConfig } from '../../src/config';
import { registerDiscordCommands } from './register-discord-commands';

/** `npm run discord:register`: sends the `/mentor` command tree to Discord, using the bot's configuration. */
async function run(): Promise<number> {
  const config = loadConfig(process.env);
  if (!config.ok) {
    process.stderr.write(`Configuration error: ${config.message}\n`);
    return 78;
  }
  const { DISCORD_TOKEN, DISCORD_APPLICATION_ID, DISCORD_GUILD_ID, DISCORD_API_URL } = config.value;
  if (!DISCORD_TOKEN || !DISCORD_APPLICATION_ID) {
    process.stderr.write('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see README "Connect Discord").\n');
    return 78;
  }
  const { count } = await registerDiscordCommands({
    token: DISCORD_TOKEN,
    applicationId: DISCORD_APPLICATION_ID,
    guildId: DISCORD_GUILD_ID,
    apiUrl: DISCORD_API_URL,
  });
  process.stdout.write(
    DISCORD_GUILD_ID
      ? `Registered ${count} command on server ${DISCORD_GUILD_ID}; it is usable there now.\n`
      : `Registered ${count} global command; Discord may take up to an hour to show it everywhere.\n`,
  );
  return 0;
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // The message of a Discord error names the route and status, never the token.
    process.stderr.write(
      `Registering the commands failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
