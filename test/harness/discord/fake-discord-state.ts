import { nextSnowflake } from './snowflake';

export interface FakeDiscordMemberConfig {
  id: string;
  username: string;
  /** A permission bitfield as a decimal string; non-zero values become a role the member holds. */
  permissions?: string;
}

export interface FakeDiscordChannelConfig {
  id: string;
  name: string;
  /** 0 text, 2 voice, 4 category, 5 announcement, 15 forum. */
  type: number;
}

export interface FakeDiscordGuildConfig {
  id: string;
  name: string;
  ownerId?: string;
  members?: FakeDiscordMemberConfig[];
  channels?: FakeDiscordChannelConfig[];
}

export interface FakeDiscordOptions {
  applicationId?: string;
  /** Defaults to the application id, as for most bots. */
  botUserId?: string;
  botUsername?: string;
  guilds?: FakeDiscordGuildConfig[];
}

export type Json = Record<string, unknown>;

export interface FakeDiscordState {
  applicationId: string;
  bot: Json;
  guilds: FakeDiscordGuildConfig[];
  /** GUILD_CREATE payloads, one per configured guild. */
  guildCreates: Json[];
  /** Every message the fake created or edited, newest last (channel posts, follow-ups, @original edits). */
  messages: Json[];
  /** The last @original message per interaction token. */
  originals: Map<string, Json>;
  /** Interaction token → channel id, learnt from dispatched interactions, for webhook messages. */
  interactionChannels: Map<string, string>;
  /** Channel id → guild id, for threads and messages. */
  channelGuild: Map<string, string>;
}

const JOINED_AT = '2024-01-01T00:00:00.000000+00:00';

export function discordUser(id: string, username: string, bot = false): Json {
  return {
    id,
    username,
    discriminator: '0',
    global_name: bot ? null : username,
    avatar: null,
    bot,
    system: false,
    public_flags: 0,
    flags: 0,
  };
}

export function discordMember(user: Json, roles: string[] = []): Json {
  return {
    user,
    nick: null,
    avatar: null,
    roles,
    joined_at: JOINED_AT,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

/** A message as Discord returns it; callers give what differs (ids, author, content, components…). */
export function discordMessage(fields: Json & { channel_id: string; author: Json }): Json {
  return {
    id: nextSnowflake(),
    type: 0,
    content: '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    flags: 0,
    ...fields,
  };
}

function role(id: string, name: string, permissions: string, position: number, managed = false): Json {
  return {
    id,
    name,
    color: 0,
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position,
    permissions,
    managed,
    mentionable: false,
    flags: 0,
    ...(managed ? { tags: { bot_id: '' } } : {}),
  };
}

function guildCreate(guild: FakeDiscordGuildConfig, bot: Json): Json {
  const roles: Json[] = [role(guild.id, '@everyone', '0', 0)];
  const botRoleId = nextSnowflake();
  roles.push({ ...role(botRoleId, String(bot['username']), '8', 1, true), tags: { bot_id: bot['id'] } });
  const permissionRoles = new Map<string, string>();
  const members = (guild.members ?? []).map((m) => {
    const held: string[] = [];
    if (m.permissions && m.permissions !== '0') {
      let roleId = permissionRoles.get(m.permissions);
      if (!roleId) {
        roleId = nextSnowflake();
        permissionRoles.set(m.permissions, roleId);
        roles.push(role(roleId, `perm-${m.permissions}`, m.permissions, roles.length));
      }
      held.push(roleId);
    }
    return discordMember(discordUser(m.id, m.username), held);
  });
  members.push(discordMember(bot, [botRoleId]));
  const channels = (guild.channels ?? []).map((c, position) => ({
    id: c.id,
    type: c.type,
    guild_id: guild.id,
    name: c.name,
    position,
    permission_overwrites: [],
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  }));
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId ?? guild.members?.[0]?.id ?? bot['id'],
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles,
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    safety_alerts_channel_id: null,
    max_members: 500000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: JOINED_AT,
    large: false,
    unavailable: false,
    member_count: members.length,
    members,
    channels,
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function createFakeDiscordState(options: FakeDiscordOptions): FakeDiscordState {
  const applicationId = options.applicationId ?? nextSnowflake();
  const botUserId = options.botUserId ?? applicationId;
  const bot = discordUser(botUserId, options.botUsername ?? 'mentor-bot', true);
  const guilds = options.guilds ?? [];
  const channelGuild = new Map<string, string>();
  for (const g of guilds) for (const c of g.channels ?? []) channelGuild.set(c.id, g.id);
  return {
    applicationId,
    bot,
    guilds,
    guildCreates: guilds.map((g) => guildCreate(g, bot)),
    messages: [],
    originals: new Map(),
    interactionChannels: new Map(),
    channelGuild,
  };
}
