import { randomBytes } from 'node:crypto';
import { DEFAULT_APP_ID, DEFAULT_TEAM_ID, defaultBotId, defaultBotUserId } from './fake-slack-state';
import { signSlackRequest } from './slack-signature';

/**
 * Bodies shaped like the requests Slack sends an app, and a sender that signs them. Defaults match the fake
 * Web API's default workspace (T0001, app A0MENTOR), so a test names only what it asserts on.
 */

/** Who is acting, common to every builder. */
export interface SlackActor {
  teamId?: string;
  teamDomain?: string;
  userId: string;
  userName?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  apiAppId?: string;
  /** The legacy verification token Slack still sends; Bolt ignores it in favour of the signature. */
  verificationToken?: string;
}

/** `plain_text_input` state from `{ blockId: { actionId: 'text' } }`, the usual shape of a modal form. */
export type ViewStateValues = Record<string, Record<string, Record<string, unknown>>>;

export function plainTextInputValues(values: Record<string, Record<string, string | null>>): ViewStateValues {
  return Object.fromEntries(
    Object.entries(values).map(([blockId, actions]) => [
      blockId,
      Object.fromEntries(
        Object.entries(actions).map(([actionId, value]) => [actionId, { type: 'plain_text_input', value }]),
      ),
    ]),
  );
}

/** A trigger id in Slack's format; unique per call so views.open assertions can tell requests apart. */
export function newTriggerId(): string {
  return `${Date.now()}.1000000001.${randomBytes(16).toString('hex')}`;
}

export interface SlashCommandInput extends SlackActor {
  channelId: string;
  channelName?: string;
  text?: string;
  /** Required so respond() lands on the fake: use `fake.responseUrl()`. */
  responseUrl: string;
  triggerId?: string;
  command?: string;
  isEnterpriseInstall?: boolean;
}

/** A slash command as Slack posts it: a form, every field a string, field order as Slack sends it. */
export function slashCommandBody(input: SlashCommandInput): string {
  const teamId = input.teamId ?? DEFAULT_TEAM_ID;
  const fields: [string, string | undefined][] = [
    ['token', input.verificationToken ?? 'fake-verification-token'],
    ['team_id', teamId],
    ['team_domain', input.teamDomain ?? `ws-${teamId.toLowerCase()}`],
    ['enterprise_id', input.enterpriseId],
    ['enterprise_name', input.enterpriseId ? (input.enterpriseName ?? 'Enterprise') : undefined],
    ['channel_id', input.channelId],
    ['channel_name', input.channelName ?? (input.channelId.startsWith('D') ? 'directmessage' : 'general')],
    ['user_id', input.userId],
    ['user_name', input.userName ?? input.userId.toLowerCase()],
    ['command', input.command ?? '/mentor'],
    ['text', input.text ?? ''],
    ['api_app_id', input.apiAppId ?? DEFAULT_APP_ID],
    ['is_enterprise_install', String(input.isEnterpriseInstall ?? false)],
    ['response_url', input.responseUrl],
    ['trigger_id', input.triggerId ?? newTriggerId()],
  ];
  return new URLSearchParams(fields.filter((f): f is [string, string] => f[1] !== undefined)).toString();
}

export interface BlockActionsInput extends SlackActor {
  actionId: string;
  blockId?: string;
  value?: string;
  /** Default `button`; with selectedOption, use e.g. `static_select`. */
  actionType?: string;
  selectedOption?: { value: string; text?: string };
  /** Extra action fields (selected_date, selected_users, …) for element types not covered above. */
  action?: Record<string, unknown>;
  /** Absent for actions inside views (App Home, modals), as in real payloads. */
  responseUrl?: string;
  triggerId?: string;
  /** An action inside a view: partial view fields (id, type, callback_id, private_metadata, state). */
  view?: Record<string, unknown>;
  container?: Record<string, unknown>;
  /** For actions on a message: where it is, default a DM. */
  channelId?: string;
  messageTs?: string;
}

/** A block_actions interaction: form-encoded `payload=<JSON>`, from a message or from a view. */
export function blockActionsBody(input: BlockActionsInput): string {
  const teamId = input.teamId ?? DEFAULT_TEAM_ID;
  const channelId = input.channelId ?? 'D00000001';
  const messageTs = input.messageTs ?? '1700000001.000100';
  const view = input.view ? viewObject(input.view, teamId, input.apiAppId) : undefined;
  const container =
    input.container ??
    (view
      ? { type: 'view', view_id: view['id'] }
      : { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: false });
  const onMessage = container['type'] === 'message';
  const action: Record<string, unknown> = {
    type: input.actionType ?? 'button',
    action_id: input.actionId,
    block_id: input.blockId ?? 'actions',
    action_ts: `${Math.floor(Date.now() / 1000)}.000200`,
    ...(input.value !== undefined ? { value: input.value, text: plainText('Button') } : {}),
    ...(input.selectedOption
      ? { selected_option: { value: input.selectedOption.value, text: plainText(input.selectedOption.text ?? '') } }
      : {}),
    ...input.action,
  };
  return payloadForm({
    type: 'block_actions',
    ...interactionCommon(input, teamId),
    container,
    trigger_id: input.triggerId ?? newTriggerId(),
    ...(onMessage ? { channel: { id: channelId, name: channelId.startsWith('D') ? 'directmessage' : 'general' } } : {}),
    ...(onMessage ? { message: { type: 'message', ts: messageTs, text: '', user: defaultBotUserId(teamId) } } : {}),
    ...(view ? { view } : {}),
    state: { values: {} },
    ...(input.responseUrl !== undefined ? { response_url: input.responseUrl } : {}),
    actions: [action],
  });
}

export interface ViewSubmissionInput extends SlackActor {
  callbackId: string;
  privateMetadata?: string;
  values?: ViewStateValues;
  viewId?: string;
  hash?: string;
  triggerId?: string;
  /** Present when the modal has a conversations/channels select with response_url_enabled. */
  responseUrls?: { block_id: string; action_id: string; channel_id: string; response_url: string }[];
}

/** A view_submission interaction (a modal's Submit): form-encoded `payload=<JSON>`. */
export function viewSubmissionBody(input: ViewSubmissionInput): string {
  const teamId = input.teamId ?? DEFAULT_TEAM_ID;
  const view = viewObject(
    {
      ...(input.viewId !== undefined ? { id: input.viewId } : {}),
      ...(input.hash !== undefined ? { hash: input.hash } : {}),
      type: 'modal',
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata ?? '',
      state: { values: input.values ?? {} },
    },
    teamId,
    input.apiAppId,
  );
  return payloadForm({
    type: 'view_submission',
    ...interactionCommon(input, teamId),
    trigger_id: input.triggerId ?? newTriggerId(),
    view,
    response_urls: input.responseUrls ?? [],
  });
}

export interface EventCallbackInput {
  teamId?: string;
  /** The inner event; `event_ts` is added when missing. */
  event: { type: string } & Record<string, unknown>;
  eventId?: string;
  eventTime?: number;
  apiAppId?: string;
  botUserId?: string;
  enterpriseId?: string;
}

/** An Events API delivery (`event_callback`), as JSON. Reuse one eventId to simulate a retried delivery. */
export function eventCallbackBody(input: EventCallbackInput): string {
  const teamId = input.teamId ?? DEFAULT_TEAM_ID;
  const eventTime = input.eventTime ?? Math.floor(Date.now() / 1000);
  return JSON.stringify({
    token: 'fake-verification-token',
    team_id: teamId,
    ...(input.enterpriseId ? { enterprise_id: input.enterpriseId } : {}),
    api_app_id: input.apiAppId ?? DEFAULT_APP_ID,
    event: { event_ts: `${eventTime}.000300`, ...input.event },
    type: 'event_callback',
    event_id: input.eventId ?? `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: eventTime,
    authorizations: [
      {
        enterprise_id: input.enterpriseId ?? null,
        team_id: teamId,
        user_id: input.botUserId ?? defaultBotUserId(teamId),
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${randomBytes(6).toString('hex')}`,
  });
}

export interface SendOptions {
  signingSecret: string;
  /** With retryReason, what Slack adds when it re-delivers (e.g. 1, 'http_timeout'). */
  retryNum?: number;
  retryReason?: string;
  badSignature?: boolean;
  stale?: boolean;
  timestampSeconds?: number;
  contentType?: string;
  headers?: Record<string, string>;
  /** Fail fast with a clear error if the app never answers (Slack itself gives up after 3 s). */
  timeoutMs?: number;
}

export interface SlackAppResponse {
  status: number;
  text: string;
  /** The body parsed as JSON when it is JSON (e.g. a view_submission ack with errors). */
  json?: unknown;
  headers: Headers;
}

/** POSTs a body to the app the way Slack does: signed, with retry headers when asked. */
export async function sendToSlackApp(url: string, body: string, options: SendOptions): Promise<SlackAppResponse> {
  const signed = signSlackRequest(options.signingSecret, body, options.timestampSeconds, {
    ...(options.badSignature !== undefined ? { badSignature: options.badSignature } : {}),
    ...(options.stale !== undefined ? { stale: options.stale } : {}),
    ...(options.contentType !== undefined ? { contentType: options.contentType } : {}),
  });
  const headers: Record<string, string> = { ...signed, 'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)' };
  if (options.retryNum !== undefined) headers['x-slack-retry-num'] = String(options.retryNum);
  if (options.retryReason !== undefined) headers['x-slack-retry-reason'] = options.retryReason;
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...headers, ...options.headers },
    body,
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  const text = await response.text();
  const result: SlackAppResponse = { status: response.status, text, headers: response.headers };
  try {
    if (text !== '') result.json = JSON.parse(text);
  } catch {
    // Plain-text acks (Bolt answers an empty 200, or text for a command reply) are left in `text`.
  }
  return result;
}

function interactionCommon(actor: SlackActor, teamId: string): Record<string, unknown> {
  const userName = actor.userName ?? actor.userId.toLowerCase();
  return {
    team: { id: teamId, domain: actor.teamDomain ?? `ws-${teamId.toLowerCase()}` },
    user: { id: actor.userId, username: userName, name: userName, team_id: teamId },
    api_app_id: actor.apiAppId ?? DEFAULT_APP_ID,
    token: actor.verificationToken ?? 'fake-verification-token',
    enterprise: actor.enterpriseId ? { id: actor.enterpriseId, name: actor.enterpriseName ?? 'Enterprise' } : null,
    is_enterprise_install: false,
  };
}

function viewObject(partial: Record<string, unknown>, teamId: string, apiAppId: string | undefined) {
  const id = (partial['id'] as string | undefined) ?? `V${randomBytes(5).toString('hex').toUpperCase()}`;
  return {
    id,
    team_id: teamId,
    type: 'modal',
    blocks: [],
    private_metadata: '',
    callback_id: '',
    state: { values: {} },
    hash: '1700000000.abcdef12',
    title: plainText('Mentor'),
    clear_on_close: false,
    notify_on_close: false,
    close: null,
    submit: null,
    previous_view_id: null,
    root_view_id: id,
    app_id: apiAppId ?? DEFAULT_APP_ID,
    external_id: '',
    app_installed_team_id: teamId,
    bot_id: defaultBotId(teamId),
    ...partial,
  } as Record<string, unknown>;
}

const plainText = (text: string) => ({ type: 'plain_text', text, emoji: true });

const payloadForm = (payload: Record<string, unknown>): string =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
