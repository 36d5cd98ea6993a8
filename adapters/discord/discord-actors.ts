import { PermissionFlagsBits, type Interaction } from 'discord.js';
import type { Actor } from '../../src/commands/command-context';
import { discordPersonId } from './discord-ids';

/**
 * Who is asking, with Discord's own say on moderation: Manage Server (which Administrator implies) in the
 * member's permissions for this channel, as Discord computed them for the interaction. The member's roles go
 * along, so the core can honour the community's `moderator-role`.
 */
export function discordActor(interaction: Interaction<'cached' | 'raw'>): Actor {
  const member = interaction.member;
  const user = interaction.user;
  const roles = !member ? [] : Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()];
  const permissions = interaction.memberPermissions;
  return {
    id: discordPersonId(interaction.guildId, user.id),
    displayName: (member && 'nick' in member && member.nick) || user.globalName || user.username,
    isAdmin: permissions?.has(PermissionFlagsBits.ManageGuild, true) ?? false,
    roles: roles.filter((id) => id !== interaction.guildId),
  };
}
