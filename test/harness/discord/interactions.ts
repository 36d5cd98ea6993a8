import { discordMember, discordMessage, discordUser } from './fake-discord-state';
import { nextSnowflake } from './snowflake';

export interface InteractionUser {
  id: string;
  username: string;
}

export interface CommandOption {
  name: string;
  /** 3 string, 4 integer, 5 boolean, 6 user, 7 channel, 8 role, 10 number. */
  type: number;
  value: string | number | boolean;
  focused?: boolean;
}

interface BaseOptions {
  /** Omit for a DM interaction (user instead of member, channel type 1, context 1). */
  guildId?: string;
  user: InteractionUser;
  /** The member's permission bitfield as a decimal string (default '0'). */
  permissions?: string;
  channelId?: string;
  applicationId?: string;
  id?: string;
  token?: string;
  locale?: string;
}

export interface SlashCommandOptions extends BaseOptions {
  name: string;
  subcommand?: string;
  group?: string;
  options?: CommandOption[];
  commandId?: string;
  /** `data.resolved` (users, members, channels, roles) for user/channel/role options. */
  resolved?: Record<string, unknown>;
}

export interface AutocompleteOptions extends SlashCommandOptions {
  /** The option being typed into; it is appended with `focused: true`. */
  focused: { name: string; type?: number; value: string };
}

export interface ButtonOptions extends BaseOptions {
  customId: string;
  /** The message carrying the button (default: a bot message in the channel). */
  message?: Record<string, unknown>;
  /** 2 button (default), 3 string select, ...; selects carry `values`. */
  componentType?: number;
  values?: string[];
}

export interface ModalSubmitOptions extends Partial<BaseOptions> {
  customId: string;
  fields: Record<string, string>;
  message?: Record<string, unknown>;
}

/** All-permissions-we-need bitfield for `app_permissions` (send messages, threads, embeds, ...). */
export const DEFAULT_APP_PERMISSIONS = '2248473465835073';
const DEFAULT_APPLICATION_ID = '1100000000000000001';

function base(type: number, o: Partial<BaseOptions>): Record<string, unknown> {
  const who = o.user ?? { id: nextSnowflake(), username: 'member' };
  const user = discordUser(who.id, who.username);
  const channelId = o.channelId ?? nextSnowflake();
  const applicationId = o.applicationId ?? DEFAULT_APPLICATION_ID;
  const guild = o.guildId !== undefined;
  return {
    id: o.id ?? nextSnowflake(),
    application_id: applicationId,
    type,
    token: o.token ?? `tok-${nextSnowflake()}-${Math.random().toString(36).slice(2, 10)}`,
    version: 1,
    ...(guild
      ? {
          guild_id: o.guildId,
          guild: { id: o.guildId, locale: 'en-US', features: [] },
          member: { ...discordMember(user), permissions: o.permissions ?? '0' },
          guild_locale: 'en-US',
          channel: { id: channelId, type: 0, guild_id: o.guildId, name: 'general', flags: 0, nsfw: false },
          authorizing_integration_owners: { '0': o.guildId },
          context: 0,
        }
      : {
          user,
          channel: { id: channelId, type: 1, flags: 0, recipients: [user] },
          authorizing_integration_owners: { '1': user['id'] },
          context: 1,
        }),
    channel_id: channelId,
    app_permissions: DEFAULT_APP_PERMISSIONS,
    locale: o.locale ?? 'en-US',
    entitlements: [],
    attachment_size_limit: 26214400,
  };
}

function commandOptions(o: SlashCommandOptions, extra: CommandOption[] = []): unknown[] {
  const leaf = [...(o.options ?? []), ...extra];
  if (o.group !== undefined) {
    return [{ name: o.group, type: 2, options: [{ name: o.subcommand ?? 'run', type: 1, options: leaf }] }];
  }
  if (o.subcommand !== undefined) return [{ name: o.subcommand, type: 1, options: leaf }];
  return leaf;
}

function commandData(o: SlashCommandOptions, extra?: CommandOption[]): Record<string, unknown> {
  return {
    id: o.commandId ?? nextSnowflake(),
    name: o.name,
    type: 1,
    ...(o.guildId !== undefined ? { guild_id: o.guildId } : {}),
    options: commandOptions(o, extra),
    ...(o.resolved ? { resolved: o.resolved } : {}),
  };
}

/** INTERACTION_CREATE data for a chat-input command, e.g. `/mentor pair @user` (type 2). */
export function slashCommandInteraction(o: SlashCommandOptions): Record<string, unknown> {
  return { ...base(2, o), data: commandData(o) };
}

/** An autocomplete request (type 4): the command's options plus one `focused` option. */
export function autocompleteInteraction(o: AutocompleteOptions): Record<string, unknown> {
  const focused: CommandOption = { type: 3, ...o.focused, focused: true };
  return { ...base(4, o), data: commandData(o, [focused]) };
}

function botMessage(applicationId: string, channelId: string, guildId?: string): Record<string, unknown> {
  return discordMessage({
    channel_id: channelId,
    ...(guildId !== undefined ? { guild_id: guildId } : {}),
    author: discordUser(applicationId, 'mentor-bot', true),
    application_id: applicationId,
  });
}

/** A message component click (type 3): a button by default, or a select with `values`. */
export function buttonInteraction(o: ButtonOptions): Record<string, unknown> {
  const payload = base(3, o);
  const channelId = String(payload['channel_id']);
  const componentType = o.componentType ?? 2;
  return {
    ...payload,
    message: o.message ?? botMessage(String(payload['application_id']), channelId, o.guildId),
    data: {
      custom_id: o.customId,
      component_type: componentType,
      ...(componentType !== 2 ? { values: o.values ?? [] } : {}),
    },
  };
}

/** A modal submission (type 5) with one text input (type 4) per field, each in its own action row. */
export function modalSubmitInteraction(o: ModalSubmitOptions): Record<string, unknown> {
  return {
    ...base(5, o),
    ...(o.message ? { message: o.message } : {}),
    data: {
      custom_id: o.customId,
      components: Object.entries(o.fields).map(([customId, value]) => ({
        type: 1,
        components: [{ type: 4, custom_id: customId, value }],
      })),
    },
  };
}
