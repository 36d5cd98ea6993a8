/**
 * The reference for `npm run bench:commands`: a Bolt app over HTTP that only acknowledges `/mentor`, run in a
 * child process like the real app (`node --require tsx/cjs bench/bare-slack-app.ts`, PORT and
 * SLACK_SIGNING_SECRET from the environment). Same Bolt, same signature check, no work after the ack.
 */
import { App, LogLevel } from '@slack/bolt';

async function main(): Promise<void> {
  const app = new App({
    signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
    token: process.env.SLACK_BOT_TOKEN ?? 'xoxb-bare',
    // Both ids known: Bolt needs no auth.test, before the first request or after it.
    botUserId: 'U0BOT0001',
    botId: 'B0BOT0001',
    tokenVerificationEnabled: false,
    ...(process.env.SLACK_API_URL && { clientOptions: { slackApiUrl: process.env.SLACK_API_URL } }),
    logLevel: LogLevel.WARN,
  });
  app.command('/mentor', async ({ ack }) => ack());
  const port = Number(process.env.PORT ?? 3000);
  await app.start(port);
  process.stdout.write(`bare Bolt app listening on ${port}\n`);
  const stop = () => void app.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
