import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { GOAL_GROUP, MEMBER_SUBCOMMANDS } from './member-subcommands';
import { MODERATOR_SUBCOMMANDS, ROUND_GROUP } from './moderator-subcommands';
import type { GroupSpec, OptionKind, OptionSpec, SubcommandSpec } from './subcommand-spec';

export const MENTOR_COMMAND = 'mentor';

/** The subcommands outside a group and the groups, in the order Discord lists them. */
export const TOP_LEVEL: (SubcommandSpec | GroupSpec)[] = [
  ...MEMBER_SUBCOMMANDS,
  GOAL_GROUP,
  ROUND_GROUP,
  ...MODERATOR_SUBCOMMANDS,
];

const TYPES: Record<OptionKind, ApplicationCommandOptionType> = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
  user: ApplicationCommandOptionType.User,
  channel: ApplicationCommandOptionType.Channel,
  role: ApplicationCommandOptionType.Role,
};

function option(spec: OptionSpec): APIApplicationCommandBasicOption {
  return {
    type: TYPES[spec.kind],
    name: spec.name,
    description: spec.description,
    required: spec.required ?? false,
    ...(spec.choices && { choices: spec.choices.map((value) => ({ name: value, value })) }),
    ...(spec.autocomplete && { autocomplete: true }),
    ...(spec.min !== undefined && { min_value: spec.min }),
    ...(spec.max !== undefined && { max_value: spec.max }),
    ...(spec.maxLength !== undefined && { max_length: spec.maxLength }),
  } as APIApplicationCommandBasicOption;
}

const subcommand = (spec: SubcommandSpec): APIApplicationCommandSubcommandOption => ({
  type: ApplicationCommandOptionType.Subcommand,
  name: spec.name,
  description: spec.description,
  options: (spec.options ?? []).map(option),
});

/**
 * The `/mentor` command tree as Discord's JSON, for `PUT /applications/{app}/commands`. Guild-only: each
 * server is its own community, and a DM has no community to act in. Moderator subcommands are visible to all
 * and refused by the core, since Discord's permissions apply to a whole command, not to a subcommand.
 */
export function mentorCommandTree(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: MENTOR_COMMAND,
      description: 'Peer mentoring: join, check in, set goals; moderators run pairing rounds',
      contexts: [InteractionContextType.Guild],
      options: TOP_LEVEL.map((entry) =>
        'subcommands' in entry
          ? {
              type: ApplicationCommandOptionType.SubcommandGroup,
              name: entry.name,
              description: entry.description,
              options: entry.subcommands.map(subcommand),
            }
          : subcommand(entry),
      ),
    },
  ];
}

/** The spec of `/mentor [group] name`, or null for a name this tree does not have. */
export function findSubcommand(group: string | null, name: string): SubcommandSpec | null {
  const scope =
    group === null
      ? TOP_LEVEL
      : ((TOP_LEVEL.find((e) => e.name === group) as GroupSpec | undefined)?.subcommands ?? []);
  const found = scope.find((entry) => entry.name === name);
  return found && !('subcommands' in found) ? found : null;
}
