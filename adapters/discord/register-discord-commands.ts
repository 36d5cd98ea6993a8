import { REST, Routes } from 'discord.js';
import { mentorCommandTree } from './mentor-command-tree';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** A development server: its commands update at once. Absent: global commands (every server the bot is in). */
  guildId?: string | undefined;
  /** REST base override (`https://discord.com/api` by default). */
  apiUrl?: string | undefined;
}

/**
 * Replaces the application's commands with the `/mentor` tree (PUT is a bulk overwrite, so running it again
 * is harmless and removes commands we no longer have). Returns where it went.
 */
export async function registerDiscordCommands(options: RegisterOptions): Promise<{ route: string; count: number }> {
  const rest = new REST({ ...(options.apiUrl && { api: options.apiUrl }), retries: 1 }).setToken(options.token);
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const answer = (await rest.put(route, { body: mentorCommandTree() })) as unknown[];
  return { route, count: answer.length };
}
