import {
  App,
  type AllMiddlewareArgs,
  type SlackCommandMiddlewareArgs,
  type SlackViewMiddlewareArgs,
  type ViewSubmitAction,
} from '@slack/bolt';
import type { InstallationStore } from '@slack/oauth';
import type { WebClient } from '@slack/web-api';
import type { Command } from '../../src/commands/command';
import type { CommandRequest, PostedReply } from '../../src/commands/run-command';
import type { Reply } from '../../src/domain/message';
import type { OpsRoute } from '../../src/observability/ops-routes';
import type { Logger } from '../../src/ports/logger';
import { boltLogger } from './bolt-logger';
import { ACTION_ID_PREFIX, renderSlackMessage } from './render-slack-message';
import { COMMAND_MODAL_ID, commandFromModal, commandModalFor } from './command-modals';
import { postSlackReply, postToResponseUrl, slackReplyPayload } from './post-to-response-url';
import { PROFILE_MODAL_ID, profileModal, readProfileSubmission } from './profile-modal';
import { slackActors } from './slack-actors';
import { slackClientOptions } from './undici-fetch';
import { slackCommunityId, toCoreText } from './slack-ids';

/** Multi-workspace mode: workspaces install the app through /slack/install and their tokens are stored. */
export interface SlackOAuthOptions {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  installationStore: InstallationStore;
}

export const SLACK_BOT_SCOPES = ['commands', 'chat:write', 'im:write', 'mpim:write', 'users:read', 'files:write'];

export interface SlackAppOptions {
  /** Checks HTTP requests; not used in Socket Mode, where Slack's WebSocket is authenticated by the app token. */
  signingSecret?: string;
  /** Single-workspace mode; or give `oauth` instead. */
  botToken?: string;
  /** Socket Mode (an `xapp-` app-level token): Slack is reached over an outgoing WebSocket, no public URL. */
  appToken?: string;
  oauth?: SlackOAuthOptions;
  /** Known bot user id, so Bolt need not call auth.test at start. */
  botUserId?: string;
  /**
   * Known bot id. With a bot token, Bolt calls auth.test before every request, ahead of the ack, unless it
   * has both ids (see `botIdentity` in slack-platform.ts).
   */
  botId?: string;
  /** Web API base URL (GovSlack, proxies, tests); Slack's own when absent. */
  apiUrl?: string;
  runCommand(request: CommandRequest): Promise<Reply>;
  /**
   * Runs a slash command where whoever runs it can post the reply to the response URL too (rejecting if Slack
   * refused it): a command thread does, which keeps the reply's rendering and sending off the thread that
   * acknowledges the next requests. A reply not `posted` is posted from here, as every reply of `runCommand`.
   */
  runAndPost?(request: CommandRequest, responseUrl: string): Promise<PostedReply>;
  logger: Logger;
  /** Retries of Web API calls Bolt makes for us (views.open, users.info); 0 in tests. */
  retries?: number;
  /** Extra HTTP routes beside /slack/events (health, readiness, metrics); HTTP mode only. */
  routes?: readonly OpsRoute[];
  /** Every request's handling runs inside this, so shutdown can wait until answers are sent. */
  track?: (handle: () => Promise<void>) => Promise<void>;
}

/**
 * The Slack app: `/mentor` and the buttons the bot puts on its messages. Each request is acknowledged at once
 * (Slack wants an answer within 3 seconds) and the core's reply follows through the request's `response_url`.
 * Slack's request signature is checked by Bolt (401 when wrong or older than 5 minutes). Every request carries
 * an event id for the core's at-most-once processing: a retried slash command repeats its trigger id, and a double
 * click repeats the message, button and person.
 */
export function createSlackApp(options: SlackAppOptions): App {
  const clientOptions = {
    ...slackClientOptions(options.apiUrl),
    retryConfig: { retries: options.retries ?? 10 },
  };
  const app = new App({
    ...(options.appToken
      ? { socketMode: true, appToken: options.appToken, installerOptions: { clientOptions } }
      : { signingSecret: options.signingSecret ?? '' }),
    ...(options.botToken && { token: options.botToken }),
    ...(options.oauth &&
      !options.appToken && {
        clientId: options.oauth.clientId,
        clientSecret: options.oauth.clientSecret,
        stateSecret: options.oauth.stateSecret,
        installationStore: options.oauth.installationStore,
        scopes: SLACK_BOT_SCOPES,
        installerOptions: { clientOptions, directInstall: true },
      }),
    ...(options.botUserId && { botUserId: options.botUserId }),
    ...(options.botId && { botId: options.botId }),
    ...(options.routes && !options.appToken && { customRoutes: [...options.routes] }),
    tokenVerificationEnabled: false,
    // Bolt's default in-memory conversation store runs on every request before the ack (and throws a "not
    // found" Error for each new conversation); we keep no per-conversation state, and one process's memory
    // would be wrong with several processes anyway.
    convoStore: false,
    logger: boltLogger(options.logger),
    clientOptions,
  });
  const actorFor = slackActors();
  const runAndPost =
    options.runAndPost ??
    (async (request: CommandRequest): Promise<PostedReply> => ({
      reply: await options.runCommand(request),
      posted: false,
    }));
  /** `/mentor`: acknowledged at once, then run (or its form opened), and the reply posted to `response_url`. */
  async function answerMentor({ command, ack, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) {
    await ack();
    const { actor, timezone } = await actorFor(client, command.team_id, command.user_id, command.user_name);
    const bare = command.text.trim();
    // A bare join / edit / checkin / end / feedback N opens its form; the trigger id only lives 3 seconds.
    const word = bare.toLowerCase();
    const form = word === 'join' || word === 'edit' ? profileModal(word, timezone) : commandModalFor(bare);
    if (form) {
      await client.views.open({ trigger_id: command.trigger_id, view: form as never });
      return;
    }
    const request = {
      communityId: slackCommunityId(command.team_id),
      communityName: command.team_domain,
      actor,
      eventId: `slash:${command.trigger_id}`,
      input: toCoreText(command.team_id, command.text),
    };
    const { reply, posted } = await runAndPost(request, command.response_url);
    if (!posted) await postSlackReply(command.response_url, reply);
    if (reply.attachment) {
      // Files cannot ride on an ephemeral reply: the export goes to the person's DM with the bot.
      const dm = await client.conversations.open({ users: command.user_id });
      await client.filesUploadV2({
        channel_id: dm.channel?.id ?? command.user_id,
        filename: reply.attachment.filename,
        content: reply.attachment.content,
        initial_comment: 'Here is the export you asked for.',
      });
    }
  }

  // `/mentor`, nearly all the traffic, is answered by this global middleware rather than by an app.command
  // listener: before the matching listener can ack, Bolt runs every listener's own filter chain (copies,
  // closures and promises for each) on the thread that acknowledges all requests; skipping them cut that
  // thread's young-generation collections by a third in `npm run bench:commands`. Everything else goes on to
  // the listeners below. next() and the answer resolve once the reply and uploads are sent, so `track` lets
  // shutdown wait for them.
  const track = options.track ?? ((handle: () => Promise<void>) => handle());
  app.use((args) => {
    const isMentor = 'command' in args && args.command.command === '/mentor';
    return track(isMentor ? () => answerMentor(args) : args.next);
  });

  /** Renders the home tab for one person from the core's `home` answer. */
  async function publishHome(client: WebClient, teamId: string, userId: string, eventId: string): Promise<void> {
    const { actor } = await actorFor(client, teamId, userId, userId);
    const reply = await options.runCommand({
      communityId: slackCommunityId(teamId),
      communityName: '',
      actor,
      eventId,
      input: { name: 'home' },
    });
    await client.views.publish({
      user_id: userId,
      view: { type: 'home', blocks: renderSlackMessage(reply).blocks as never },
    });
  }

  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home' || !body.team_id) return;
    await publishHome(client, body.team_id, event.user, `home:${body.event_id}`);
  });

  app.action(new RegExp(`^${ACTION_ID_PREFIX}`), async ({ ack, body, action, client }) => {
    await ack();
    if (body.type !== 'block_actions' || action.type !== 'button' || !('action_id' in action) || !body.team) return;
    const teamId = body.team.id;
    const value = action.value ?? '';
    const { actor, timezone } = await actorFor(client, teamId, body.user.id, body.user.name ?? body.user.id);
    const form = value === 'join' || value === 'edit' ? profileModal(value, timezone) : commandModalFor(value);
    if (form) {
      await client.views.open({ trigger_id: body.trigger_id, view: form as never });
      return;
    }
    const where = body.container?.message_ts ?? body.container?.view_id ?? body.trigger_id;
    const reply = await options.runCommand({
      communityId: slackCommunityId(teamId),
      communityName: body.team.domain ?? '',
      actor,
      eventId: `click:${where}:${action.action_id}:${body.user.id}`,
      input: value,
    });
    if (body.container?.type === 'view') {
      // A click on the home tab has no response URL: answer in the DM, then show the home tab as it is now.
      await client.chat.postMessage({ channel: body.user.id, ...renderSlackMessage(reply) });
      await publishHome(client, teamId, body.user.id, `home:${body.trigger_id}`);
      return;
    }
    await postToResponseUrl(body.response_url, {
      ...slackReplyPayload(reply),
      response_type: 'ephemeral',
      replace_original: false,
    });
  });

  type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

  /**
   * Runs a submitted form's command. A refusal (already joined, no pairing…) stays in the form beside
   * `errorBlock`; otherwise the form closes and the answer arrives as a DM.
   */
  async function submitForm({ ack, body, view, client }: ViewArgs, input: string | Command, errorBlock: string) {
    const teamId = body.team?.id ?? view.team_id;
    const { actor } = await actorFor(client, teamId, body.user.id, body.user.name);
    const reply = await options.runCommand({
      communityId: slackCommunityId(teamId),
      communityName: body.team?.domain ?? '',
      actor,
      eventId: `view:${view.id}:${view.hash}`,
      input,
    });
    if (reply.refused) return ack({ response_action: 'errors', errors: { [errorBlock]: reply.text } });
    await ack();
    await client.chat.postMessage({ channel: body.user.id, ...renderSlackMessage(reply) });
  }

  app.view<ViewSubmitAction>(PROFILE_MODAL_ID, async (args) => {
    const mode = args.view.private_metadata === 'edit' ? 'edit' : 'join';
    const read = readProfileSubmission(mode, args.view.state.values as never);
    if ('errors' in read) return args.ack({ response_action: 'errors', errors: read.errors });
    await submitForm(args, read.command, mode === 'join' ? 'role' : 'skills');
  });

  app.view<ViewSubmitAction>(COMMAND_MODAL_ID, async (args) => {
    const teamId = args.body.team?.id ?? args.view.team_id;
    const text = commandFromModal(args.view.private_metadata, args.view.state.values as never);
    const firstBlock = (args.view.blocks[0] as { block_id?: string } | undefined)?.block_id ?? 'text';
    await submitForm(args, toCoreText(teamId, text), firstBlock);
  });

  app.error(async (error) => {
    options.logger.error({ err: error }, 'slack request failed');
  });
  return app;
}
