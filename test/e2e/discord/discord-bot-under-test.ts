import { randomUUID } from 'node:crypto';
import type { Client } from 'discord.js';
import { discordPlatform, type DiscordPlatform } from '../../../adapters/discord/discord-platform';
import { postgresStore } from '../../../db/postgres-store';
import { communitySettingsOf } from '../../../src/commands/community-settings-of';
import { knownSkills } from '../../../src/commands/known-skills';
import { commandRunner } from '../../../src/commands/run-command';
import type { CoreDeps } from '../../../src/commands/run-in-context';
import { outboxDeliverer } from '../../../src/delivery/outbox-deliverer';
import type { Messenger } from '../../../src/ports/messenger';
import { startFakeDiscord, type FakeDiscord, type RecordedDiscordCall } from '../../harness/discord/fake-discord';
import { slashCommandInteraction, type CommandOption } from '../../harness/discord/interactions';
import { testClock } from '../../helpers/command-harness';
import { recordingScheduler, type RecordingScheduler } from '../../helpers/recording-scheduler';
import { silentLogger, type CapturingLogger } from '../../helpers/silent-logger';
import { createPgliteDatabase, type TestDatabase } from '../../helpers/test-databases';

export const TOKEN = 'fake.bot-token.value';
export const GUILD = '1300000000000000001';
export const FALLBACK_CHANNEL = '1300000000000000050';
/** Manage Server. */
export const MANAGE_GUILD = '32';
export const MOD = { id: '1400000000000000001', username: 'mod' };
export const ANA = { id: '1400000000000000002', username: 'ana' };
export const BEN = { id: '1400000000000000003', username: 'ben' };
export const CY = { id: '1400000000000000004', username: 'cy' };
/** Holds a role (the fake makes one per permission set) that tests make the moderator role. */
export const DEE = { id: '1400000000000000005', username: 'dee' };
export const DEE_PERMISSIONS = '1024';
export const personId = (who: { id: string }) => `discord:${GUILD}:${who.id}`;

/** What the bot finally showed for an interaction: a reply, an edited deferred reply, a form or suggestions. */
export interface Answer {
  type: number;
  content?: string;
  flags?: number;
  components?: { components: { custom_id: string; label?: string; type: number }[] }[];
  embeds?: { description?: string }[];
  custom_id?: string;
  title?: string;
  choices?: { name: string; value: string }[];
}

export interface DiscordBotUnderTest {
  fake: FakeDiscord;
  database: TestDatabase;
  client: Client;
  platform: DiscordPlatform;
  /**
   * Sends what the core queued through the real Discord messenger, oldest first, as a deliverer would: sent
   * messages are deleted, failed ones marked failed with the reason (the outbox deliverer itself is tested
   * elsewhere). Returns the errors.
   */
  deliver(): Promise<Error[]>;
  deps: CoreDeps;
  clock: ReturnType<typeof testClock>;
  scheduler: RecordingScheduler;
  logs: CapturingLogger['lines'];
  /** Dispatches an interaction payload and resolves with its final answer. */
  interact(payload: Record<string, unknown>): Promise<Answer>;
  /** `/mentor [group] subcommand options...` as `who`. */
  slash(
    who: { id: string; username: string },
    subcommand: string,
    options?: CommandOption[],
    extra?: { group?: string; permissions?: string; roles?: string[] },
  ): Promise<Answer>;
  stop(): Promise<void>;
}

const CALLBACK = /^\/interactions\/(\d+)\/([^/]+)\/callback$/;
const ORIGINAL = /^\/webhooks\/\d+\/([^/]+)\/messages\/@original$/;

/** The real discord.js Client, logged in to the fake Discord on 127.0.0.1, on the core with PGlite. */
export async function startDiscordBotUnderTest(): Promise<DiscordBotUnderTest> {
  const fake = await startFakeDiscord({
    guilds: [
      {
        id: GUILD,
        name: 'Freelancers',
        members: [{ ...MOD, permissions: MANAGE_GUILD }, ANA, BEN, CY, { ...DEE, permissions: DEE_PERMISSIONS }],
        channels: [{ id: FALLBACK_CHANNEL, name: 'mentoring', type: 0 }],
      },
    ],
  });
  const database = await createPgliteDatabase();
  const store = postgresStore(database.db);
  const clock = testClock();
  const logger = silentLogger();
  const scheduler = recordingScheduler();
  const deps: CoreDeps = { store, clock, logger, newId: randomUUID, scheduler };
  const platform = discordPlatform({
    token: TOKEN,
    apiUrl: fake.apiUrl,
    logger,
    fallbackChannelFor: async (communityId) => (await communitySettingsOf(store, communityId)).fallbackChannel,
    clientOptions: {
      rest: { retries: 0, timeout: 2000 },
      ws: { buildIdentifyThrottler: async () => ({ waitForIdentify: async () => {} }) },
      waitGuildTimeout: 100,
    } as never,
  });
  const client = await platform.serve({
    runCommand: commandRunner(deps),
    knownSkills: (communityId, prefix) => knownSkills(store, communityId, prefix),
  });
  /** Sends what the outbox holds through the real deliverer and the Discord messenger; returns what failed. */
  async function deliver(): Promise<Error[]> {
    const errors: Error[] = [];
    const recording: Messenger = {
      send: (to, message) =>
        platform.messenger.send(to, message).catch((error: unknown) => {
          errors.push(error as Error);
          throw error;
        }),
    };
    await outboxDeliverer({ store, messenger: recording, clock, logger }).drain();
    return errors;
  }

  async function interact(payload: Record<string, unknown>): Promise<Answer> {
    const token = String(payload['token']);
    const mine = (call: RecordedDiscordCall, pattern: RegExp, group: number) =>
      pattern.exec(call.path)?.[group] === token;
    await fake.dispatchInteraction(payload);
    const callback = await fake.waitForCall('POST', CALLBACK, { where: (c) => mine(c, CALLBACK, 2) });
    const body = callback.body as { type: number; data?: Record<string, unknown> };
    if (body.type !== 5) return { type: body.type, ...body.data };
    const edit = await fake.waitForCall('PATCH', ORIGINAL, { where: (c) => mine(c, ORIGINAL, 1) });
    return { type: 5, ...(body.data ?? {}), ...(edit.body as object) };
  }

  return {
    fake,
    database,
    client,
    platform,
    deliver,
    deps,
    clock,
    scheduler,
    logs: logger.lines,
    interact,
    slash(who, subcommand, options = [], extra = {}) {
      const payload = slashCommandInteraction({
        guildId: GUILD,
        user: who,
        name: 'mentor',
        subcommand,
        options,
        applicationId: fake.applicationId,
        ...(extra.group && { group: extra.group }),
        ...(extra.permissions && { permissions: extra.permissions }),
      });
      if (extra.roles) (payload['member'] as { roles: string[] }).roles = extra.roles;
      return interact(payload);
    },
    async stop() {
      await client.destroy();
      await database.dispose();
      await fake.stop();
    },
  };
}

export const user = (name: string, who: { id: string }): CommandOption => ({ name, type: 6, value: who.id });
export const text = (name: string, value: string): CommandOption => ({ name, type: 3, value });
export const integer = (name: string, value: number): CommandOption => ({ name, type: 4, value });
