import {
  AttachmentBuilder,
  ComponentType,
  MessageFlags,
  type Interaction,
  type RepliableInteraction,
} from 'discord.js';
import type { Command } from '../../src/commands/command';
import type { CommandRequest } from '../../src/commands/run-command';
import type { Reply } from '../../src/domain/message';
import type { Logger } from '../../src/ports/logger';
import { discordActor } from './discord-actors';
import { skillChoices, timezoneChoices } from './discord-autocomplete';
import { COMMAND_FORM_PREFIX, commandFromForm, formFor, PROFILE_FORM_PREFIX, readProfileForm } from './discord-forms';
import { discordCommunityId, toCoreText } from './discord-ids';
import { findSubcommand, MENTOR_COMMAND } from './mentor-command-tree';
import { readInvocation } from './read-invocation';
import { COMMAND_ID_PREFIX, renderDiscordMessage } from './render-discord-message';

export interface InteractionDeps {
  runCommand(request: CommandRequest): Promise<Reply>;
  /** The community's known skills starting with `prefix` (a core lookup). */
  knownSkills(communityId: string, prefix: string): Promise<string[]>;
  logger: Logger;
}

type GuildInteraction = Interaction<'cached' | 'raw'>;

/** A click on "Swap…" asks for the other mentee with a user picker, as Slack's form does. */
const SWAP_PICK = /^round swap <@\d+>$/;

/**
 * Translates one Discord interaction into a core command and renders the core's answer; decides nothing.
 * Every answer is ephemeral and deferred first (the core may take longer than Discord's 3 seconds), except
 * forms, which must be Discord's first answer. The interaction id is the event id: at most once.
 */
export async function handleDiscordInteraction(interaction: Interaction, deps: InteractionDeps): Promise<void> {
  if (!interaction.inGuild()) {
    if (interaction.isRepliable())
      await interaction.reply({
        content: 'Use `/mentor` in a server: each server is its own mentoring community.',
        flags: MessageFlags.Ephemeral,
      });
    return;
  }
  const guildId = interaction.guildId;
  const run = async (target: RepliableInteraction & GuildInteraction, input: string | Command) => {
    await target.deferReply({ flags: MessageFlags.Ephemeral });
    const reply = await deps.runCommand({
      communityId: discordCommunityId(guildId),
      communityName: target.guild?.name ?? '',
      actor: discordActor(target),
      eventId: `discord:${target.id}`,
      input: typeof input === 'string' ? toCoreText(guildId, input) : input,
    });
    await target.editReply({
      ...renderDiscordMessage(reply),
      files: reply.attachment
        ? [new AttachmentBuilder(Buffer.from(reply.attachment.content), { name: reply.attachment.filename })]
        : [],
      // Replies name people; nobody should be pinged by somebody else's command.
      allowedMentions: { parse: [] },
    });
  };

  if (interaction.isAutocomplete()) {
    if (interaction.commandName !== MENTOR_COMMAND) return;
    const invocation = readInvocation(guildId, interaction.options.data);
    const spec = findSubcommand(invocation.group, invocation.subcommand);
    const option = spec?.options?.find((o) => o.name === invocation.focused?.name);
    const typed = invocation.focused?.value ?? '';
    const choices =
      option?.autocomplete === 'timezone'
        ? timezoneChoices(typed)
        : option?.autocomplete === 'skills'
          ? await skillChoices(typed, (prefix) => deps.knownSkills(discordCommunityId(guildId), prefix))
          : [];
    await interaction.respond(choices);
    return;
  }

  if (interaction.isChatInputCommand()) {
    if (interaction.commandName !== MENTOR_COMMAND) return;
    const invocation = readInvocation(guildId, interaction.options.data);
    const spec = findSubcommand(invocation.group, invocation.subcommand);
    if (!spec) {
      await interaction.reply({
        content: 'That command changed; ask a moderator to run `npm run discord:register`, then try `/mentor help`.',
        flags: MessageFlags.Ephemeral,
      });
      return;
    }
    const formCommand = spec.form?.(invocation.values);
    const form = formCommand ? formFor(formCommand, invocation.values) : null;
    if (form) {
      await interaction.showModal(form);
      return;
    }
    return run(interaction, spec.text(invocation.values));
  }

  if (interaction.isButton() && interaction.customId.startsWith(COMMAND_ID_PREFIX)) {
    const command = interaction.customId.slice(COMMAND_ID_PREFIX.length);
    const form = formFor(command);
    if (form) {
      await interaction.showModal(form);
      return;
    }
    if (SWAP_PICK.test(command)) {
      await interaction.reply({
        content: 'Swap mentors with which mentee?',
        flags: MessageFlags.Ephemeral,
        components: [
          {
            type: ComponentType.ActionRow,
            components: [
              { type: ComponentType.UserSelect, custom_id: interaction.customId, placeholder: 'The other mentee' },
            ],
          },
        ],
      });
      return;
    }
    return run(interaction, command);
  }

  if (interaction.isUserSelectMenu() && interaction.customId.startsWith(COMMAND_ID_PREFIX)) {
    const picked = interaction.values[0];
    if (!picked) return;
    return run(interaction, `${interaction.customId.slice(COMMAND_ID_PREFIX.length)} <@${picked}>`);
  }

  if (interaction.isModalSubmit()) {
    const fields = new Map(
      interaction.fields.fields.map((field) => [field.customId, 'value' in field ? String(field.value) : '']),
    );
    if (interaction.customId.startsWith(PROFILE_FORM_PREFIX)) {
      const mode = interaction.customId === `${PROFILE_FORM_PREFIX}edit` ? 'edit' : 'join';
      const read = readProfileForm(mode, fields);
      if ('error' in read) {
        // Discord forms cannot show errors beside a field: say what was wrong, nothing was saved.
        await interaction.reply({ content: `Nothing was saved.\n${read.error}`, flags: MessageFlags.Ephemeral });
        return;
      }
      return run(interaction, read);
    }
    if (interaction.customId.startsWith(COMMAND_FORM_PREFIX)) {
      return run(interaction, commandFromForm(interaction.customId, [...fields.values()]));
    }
  }
}
