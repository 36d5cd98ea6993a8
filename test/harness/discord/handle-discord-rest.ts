import { discordMessage, discordUser, type FakeDiscordState, type Json } from './fake-discord-state';
import { nextSnowflake } from './snowflake';

export interface DiscordRestRequest {
  method: string;
  /** Decoded, relative to `/api/v10` (e.g. `/webhooks/1/tok/messages/@original`). */
  path: string;
  query: URLSearchParams;
  body: unknown;
  gatewayUrl: string;
}

export interface DiscordRestAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Handler = (state: FakeDiscordState, req: DiscordRestRequest, params: string[]) => DiscordRestAnswer;

const ok = (body: unknown): DiscordRestAnswer => ({ status: 200, body });
const noContent: DiscordRestAnswer = { status: 204 };
export const notFound = (message = '404: Not Found', code = 0): DiscordRestAnswer => ({
  status: 404,
  body: { message, code },
});

const asJson = (body: unknown): Json => (body && typeof body === 'object' ? (body as Json) : {});

function message(state: FakeDiscordState, channelId: string, body: unknown, extra: Json = {}): Json {
  const b = asJson(body);
  const guildId = state.channelGuild.get(channelId);
  const created = discordMessage({
    channel_id: channelId,
    ...(guildId ? { guild_id: guildId } : {}),
    author: state.bot,
    content: typeof b['content'] === 'string' ? b['content'] : '',
    embeds: Array.isArray(b['embeds']) ? b['embeds'] : [],
    components: Array.isArray(b['components']) ? b['components'] : [],
    flags: typeof b['flags'] === 'number' ? b['flags'] : 0,
    ...extra,
  });
  state.messages.push(created);
  return created;
}

/** A webhook (interaction) message: sent by the application, in the interaction's channel when known. */
function webhookMessage(state: FakeDiscordState, token: string, body: unknown, previous?: Json): Json {
  const extra: Json = { webhook_id: state.applicationId, application_id: state.applicationId };
  const channelId = state.interactionChannels.get(token) ?? 'unknown-channel';
  if (!previous) return message(state, channelId, body, extra);
  const b = asJson(body);
  const edited: Json = { ...previous, edited_timestamp: new Date().toISOString() };
  for (const key of ['content', 'embeds', 'components', 'flags']) if (key in b) edited[key] = b[key];
  state.messages.push(edited);
  return edited;
}

function findMember(state: FakeDiscordState, guildId: string, userId: string): Json | undefined {
  const guild = state.guildCreates.find((g) => g['id'] === guildId);
  const members = (guild?.['members'] ?? []) as Json[];
  return members.find((m) => (m['user'] as Json)['id'] === userId);
}

function findUser(state: FakeDiscordState, userId: string): Json {
  for (const g of state.guildCreates) {
    const member = findMember(state, String(g['id']), userId);
    if (member) return member['user'] as Json;
  }
  return discordUser(userId, `user-${userId}`);
}

function commandsAnswer(state: FakeDiscordState, body: unknown, guildId?: string): DiscordRestAnswer {
  const commands = Array.isArray(body) ? (body as Json[]) : [];
  return ok(
    commands.map((c) => ({
      id: nextSnowflake(),
      application_id: state.applicationId,
      version: nextSnowflake(),
      type: 1,
      default_member_permissions: null,
      dm_permission: true,
      nsfw: false,
      description: '',
      options: [],
      ...c,
      ...(guildId ? { guild_id: guildId } : {}),
    })),
  );
}

const routes: [string, RegExp, Handler][] = [
  [
    'GET',
    /^\/gateway\/bot$/,
    (_s, req) =>
      ok({
        url: req.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      }),
  ],
  ['GET', /^\/gateway$/, (_s, req) => ok({ url: req.gatewayUrl })],
  ['GET', /^\/users\/@me$/, (s) => ok(s.bot)],
  [
    'GET',
    /^\/(?:applications|oauth2\/applications)\/@me$/,
    (s) => ok({ id: s.applicationId, name: s.bot['username'], flags: 0, bot: s.bot, owner: null }),
  ],
  ['PUT', /^\/applications\/([^/]+)\/commands$/, (s, req) => commandsAnswer(s, req.body)],
  ['PUT', /^\/applications\/([^/]+)\/guilds\/([^/]+)\/commands$/, (s, req, p) => commandsAnswer(s, req.body, p[1])],
  [
    'POST',
    /^\/interactions\/([^/]+)\/([^/]+)\/callback$/,
    (s, req, p) => {
      const b = asJson(req.body);
      const type = b['type'];
      let resource: Json = { type };
      if (type === 4 || type === 7) {
        const created = webhookMessage(s, p[1] as string, b['data'], s.originals.get(p[1] as string));
        s.originals.set(p[1] as string, created);
        resource = { type, message: created };
      }
      if (req.query.get('with_response') !== 'true') return noContent;
      return ok({ interaction: { id: p[0], type: 2, response_message_loading: type === 5 }, resource });
    },
  ],
  [
    'GET',
    /^\/webhooks\/([^/]+)\/([^/]+)\/messages\/@original$/,
    (s, _r, p) => {
      const original = s.originals.get(p[1] as string);
      return original ? ok(original) : notFound('Unknown Message', 10008);
    },
  ],
  [
    'PATCH',
    /^\/webhooks\/([^/]+)\/([^/]+)\/messages\/([^/]+)$/,
    (s, req, p) => {
      const token = p[1] as string;
      const previous = p[2] === '@original' ? s.originals.get(token) : s.messages.findLast((m) => m['id'] === p[2]);
      const edited = webhookMessage(s, token, req.body, previous);
      if (p[2] === '@original') s.originals.set(token, edited);
      return ok(edited);
    },
  ],
  ['DELETE', /^\/webhooks\/([^/]+)\/([^/]+)\/messages\/([^/]+)$/, () => noContent],
  ['POST', /^\/webhooks\/([^/]+)\/([^/]+)$/, (s, req, p) => ok(webhookMessage(s, p[1] as string, req.body))],
  [
    'POST',
    /^\/users\/@me\/channels$/,
    (s, req) => {
      const recipient = String(asJson(req.body)['recipient_id']);
      return ok({
        id: dmChannelId(recipient),
        type: 1,
        last_message_id: null,
        flags: 0,
        recipients: [findUser(s, recipient)],
      });
    },
  ],
  ['POST', /^\/channels\/([^/]+)\/messages$/, (s, req, p) => ok(message(s, p[0] as string, req.body))],
  [
    'PATCH',
    /^\/channels\/([^/]+)\/messages\/([^/]+)$/,
    (s, req, p) => ok(message(s, p[0] as string, req.body, { id: p[1], edited_timestamp: new Date().toISOString() })),
  ],
  ['DELETE', /^\/channels\/([^/]+)\/messages\/([^/]+)$/, () => noContent],
  [
    'POST',
    /^\/channels\/([^/]+)\/threads$/,
    (s, req, p) => {
      const b = asJson(req.body);
      const id = nextSnowflake();
      const guildId = s.channelGuild.get(p[0] as string);
      if (guildId) s.channelGuild.set(id, guildId);
      const autoArchive = typeof b['auto_archive_duration'] === 'number' ? b['auto_archive_duration'] : 1440;
      return ok({
        id,
        type: typeof b['type'] === 'number' ? b['type'] : 12,
        ...(guildId ? { guild_id: guildId } : {}),
        parent_id: p[0],
        name: b['name'],
        owner_id: s.bot['id'],
        last_message_id: null,
        rate_limit_per_user: 0,
        message_count: 0,
        member_count: 1,
        total_message_sent: 0,
        flags: 0,
        thread_metadata: {
          archived: false,
          auto_archive_duration: autoArchive,
          archive_timestamp: new Date().toISOString(),
          locked: false,
          invitable: b['invitable'] ?? false,
          create_timestamp: new Date().toISOString(),
        },
        member: { id, user_id: s.bot['id'], join_timestamp: new Date().toISOString(), flags: 0 },
      });
    },
  ],
  ['PUT', /^\/channels\/([^/]+)\/thread-members\/([^/]+)$/, () => noContent],
  [
    'GET',
    /^\/guilds\/([^/]+)\/members\/([^/]+)$/,
    (s, _r, p) => {
      const member = findMember(s, p[0] as string, p[1] as string);
      if (member) return ok(member);
      return s.guilds.some((g) => g.id === p[0]) ? notFound('Unknown Member', 10007) : notFound('Unknown Guild', 10004);
    },
  ],
];

/** Answers one Discord REST v10 request with a Discord-shaped default, or a Discord-style 404. */
export function handleDiscordRest(state: FakeDiscordState, req: DiscordRestRequest): DiscordRestAnswer {
  for (const [method, pattern, handler] of routes) {
    if (method !== req.method) continue;
    const match = pattern.exec(req.path);
    if (match) return handler(state, req, match.slice(1));
  }
  return notFound();
}

/** A DM channel's id for a user: numeric like every Discord id (discord.js reads ids as BigInt), and stable. */
export const dmChannelId = (userId: string): string => `9${userId}`;
