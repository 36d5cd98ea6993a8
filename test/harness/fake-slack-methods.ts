import { fakeSlackFileMethods } from './fake-slack-file-methods';
import { fakeSlackUser } from './fake-slack-user';
import { fakeSlackViewMethods } from './fake-slack-view-methods';
import {
  nextId,
  nextTs,
  workspaceFor,
  type FakeSlackState,
  type ResolvedWorkspace,
  type TokenOwner,
} from './fake-slack-state';
import { argText } from './parse-slack-api-body';
import { fail, type SlackMethodHandler } from './slack-method-handler';

/** Methods Slack answers without a token; every other method answers `not_authed` when none is sent. */
export const TOKENLESS_METHODS: ReadonlySet<string> = new Set(['oauth.v2.access', 'api.test']);

/** Default answers, shaped like Slack's documented responses for the methods mentor-bot uses. */
export const fakeSlackMethods: Record<string, SlackMethodHandler> = {
  'api.test': ({ args }) => ({ ok: true, args }),

  'auth.test': ({ args, owner, state }) => {
    const workspace = workspaceFor(state, args['team_id'], owner);
    return {
      ok: true,
      url: `https://${workspace.domain}.slack.com/`,
      team: workspace.teamName,
      user: owner?.isBot === false ? owner.userId.toLowerCase() : 'mentor-bot',
      team_id: workspace.teamId,
      user_id: owner?.userId ?? workspace.botUserId,
      ...(owner?.isBot === false ? {} : { bot_id: workspace.botId }),
      enterprise_id: workspace.enterpriseId ?? undefined,
      is_enterprise_install: false,
    };
  },

  'chat.postMessage': ({ args, owner, state }) => {
    const channel = argText(args['channel']);
    if (!channel) return fail('channel_not_found');
    const problem = messageProblem(args);
    if (problem) return fail(problem);
    const ts = nextTs(state);
    // Posting to a user id lands in the bot's DM with them, and Slack answers with that D-channel.
    const answeredChannel = /^[UW]/.test(channel) ? openConversation(state, [channel]).id : channel;
    return { ok: true, channel: answeredChannel, ts, message: botMessage(args, owner, state, ts) };
  },

  'chat.postEphemeral': ({ args, state }) => {
    if (!argText(args['channel'])) return fail('channel_not_found');
    if (!argText(args['user'])) return fail('user_not_in_channel');
    const problem = messageProblem(args);
    return problem ? fail(problem) : { ok: true, message_ts: nextTs(state) };
  },

  // Lenient about which ts it updates: payloads built by the request builders name messages the fake never saw.
  'chat.update': ({ args, owner, state }) => {
    const channel = argText(args['channel']);
    const ts = argText(args['ts']);
    if (!channel) return fail('channel_not_found');
    if (!ts) return fail('message_not_found');
    const problem = messageProblem(args);
    if (problem) return fail(problem);
    const message = botMessage(args, owner, state, ts);
    return { ok: true, channel, ts, text: message['text'], message };
  },

  'conversations.open': ({ args, state }) => {
    const existing = argText(args['channel']);
    if (existing) return { ok: true, channel: { id: existing } };
    const users = (argText(args['users']) ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    if (users.length === 0) return fail('users_list_not_supplied');
    if (users.length > 8) return fail('too_many_users');
    if (users.some((id) => !/^[UW][A-Z0-9]+$/.test(id))) return fail('user_not_found');
    const { id, alreadyOpen } = openConversation(state, users);
    return alreadyOpen ? { ok: true, no_op: true, already_open: true, channel: { id } } : { ok: true, channel: { id } };
  },

  'users.info': ({ args, owner, state }) => {
    const id = argText(args['user']);
    if (!id || !/^[UW][A-Z0-9]+$/.test(id)) return fail('user_not_found');
    const config = state.options.users?.[id];
    if (!config && state.options.unknownUsers === 'not_found') return fail('user_not_found');
    const workspace = workspaceFor(state, undefined, owner);
    const user = fakeSlackUser(id, config ?? {}, workspace.teamId);
    if (args['include_locale'] !== 'true' && args['include_locale'] !== true) delete user['locale'];
    return { ok: true, user };
  },

  'team.info': ({ args, owner, state }) => {
    const asked = argText(args['team']);
    const workspace = asked ? state.workspaces.find((w) => w.teamId === asked) : owner?.workspace;
    if (!workspace) return fail('team_not_found');
    return { ok: true, team: teamObject(workspace) };
  },

  'oauth.v2.access': ({ args, basicAuth, state }) => {
    const clientId = argText(args['client_id']) ?? basicAuth?.clientId;
    const clientSecret = argText(args['client_secret']) ?? basicAuth?.clientSecret;
    const { options } = state;
    if (options.clientId !== undefined && clientId !== options.clientId) return fail('invalid_client_id');
    if (options.clientSecret !== undefined && clientSecret !== options.clientSecret) return fail('bad_client_secret');
    const code = argText(args['code']);
    const workspace = state.workspaces.find((w) => w.installCode === code);
    if (!workspace) return fail('invalid_code');
    return {
      ok: true,
      app_id: state.appId,
      authed_user: { id: workspace.installerUserId },
      scope: options.botScopes ?? 'commands,chat:write,im:write,mpim:write,users:read',
      token_type: 'bot',
      access_token: workspace.botToken,
      bot_user_id: workspace.botUserId,
      team: { id: workspace.teamId, name: workspace.teamName },
      enterprise: workspace.enterpriseId ? { id: workspace.enterpriseId, name: workspace.enterpriseName } : null,
      is_enterprise_install: false,
    };
  },

  ...fakeSlackViewMethods,
  ...fakeSlackFileMethods,
};

/** Slack's own checks on a message body, which catch real bugs (blocks sent as an object, nothing to show). */
function messageProblem(args: Record<string, unknown>): string | undefined {
  const { blocks, attachments, text } = args;
  if (blocks !== undefined && !Array.isArray(blocks)) return 'invalid_blocks';
  if (attachments !== undefined && !Array.isArray(attachments)) return 'invalid_attachments';
  const hasText = typeof text === 'string' && text !== '';
  if (!hasText && !Array.isArray(blocks) && !Array.isArray(attachments)) return 'no_text';
  return undefined;
}

function botMessage(
  args: Record<string, unknown>,
  owner: TokenOwner | undefined,
  state: FakeSlackState,
  ts: string,
): Record<string, unknown> {
  const workspace = workspaceFor(state, undefined, owner);
  const message: Record<string, unknown> = {
    type: 'message',
    user: workspace.botUserId,
    bot_id: workspace.botId,
    app_id: state.appId,
    team: workspace.teamId,
    text: argText(args['text']) ?? '',
    ts,
  };
  if (Array.isArray(args['blocks'])) message['blocks'] = args['blocks'];
  if (Array.isArray(args['attachments'])) message['attachments'] = args['attachments'];
  const threadTs = argText(args['thread_ts']);
  if (threadTs) message['thread_ts'] = threadTs;
  return message;
}

/** One stable id per set of members: D… for a 1:1 DM, G… for a group DM (Slack's mpim prefix). */
function openConversation(state: FakeSlackState, users: string[]): { id: string; alreadyOpen: boolean } {
  const key = [...new Set(users)].sort().join(',');
  const known = state.conversations.get(key);
  if (known) return { id: known, alreadyOpen: true };
  const id = nextId(state, users.length === 1 ? 'D' : 'G');
  state.conversations.set(key, id);
  return { id, alreadyOpen: false };
}

function teamObject(workspace: ResolvedWorkspace): Record<string, unknown> {
  return {
    id: workspace.teamId,
    name: workspace.teamName,
    domain: workspace.domain,
    email_domain: '',
    icon: { image_default: true, image_34: 'https://avatars.example.test/team_34.png' },
    ...(workspace.enterpriseId
      ? { enterprise_id: workspace.enterpriseId, enterprise_name: workspace.enterpriseName }
      : {}),
  };
}
