import { ApplicationCommandOptionType, type CommandInteractionOption } from 'discord.js';
import { discordPersonId, toCoreText } from './discord-ids';
import type { OptionValues } from './subcommand-spec';

/** `/mentor [group] subcommand` with its option values in the core's notation. */
export interface Invocation {
  group: string | null;
  subcommand: string;
  values: OptionValues;
  /** The option being typed into, for autocomplete. */
  focused: { name: string; value: string } | null;
}

/**
 * Reads the option tree of a `/mentor` interaction. Users become the core's mention tokens, channels and roles
 * Discord's own `<#id>` / `<@&id>`, and mentions typed into free text are rewritten too.
 */
export function readInvocation(guildId: string, data: readonly CommandInteractionOption[]): Invocation {
  let group: string | null = null;
  let subcommand = '';
  let leaves: readonly CommandInteractionOption[] = data;
  const top = data[0];
  if (top?.type === ApplicationCommandOptionType.SubcommandGroup) {
    group = top.name;
    subcommand = top.options?.[0]?.name ?? '';
    leaves = top.options?.[0]?.options ?? [];
  } else if (top?.type === ApplicationCommandOptionType.Subcommand) {
    subcommand = top.name;
    leaves = top.options ?? [];
  }
  const values: Record<string, string | number | boolean> = {};
  let focused: Invocation['focused'] = null;
  for (const option of leaves) {
    const value = option.value;
    if (value === undefined || value === null) continue;
    if (option.focused) focused = { name: option.name, value: String(value) };
    switch (option.type) {
      case ApplicationCommandOptionType.User:
        values[option.name] = `<@${discordPersonId(guildId, String(value))}>`;
        break;
      case ApplicationCommandOptionType.Channel:
        values[option.name] = `<#${String(value)}>`;
        break;
      case ApplicationCommandOptionType.Role:
        values[option.name] = `<@&${String(value)}>`;
        break;
      case ApplicationCommandOptionType.String: {
        const text = String(value).trim();
        // An option left blank is no option (it must not turn a bare `join` into a typed one).
        if (text) values[option.name] = toCoreText(guildId, text);
        break;
      }
      default:
        values[option.name] = value;
    }
  }
  return { group, subcommand, values, focused };
}
