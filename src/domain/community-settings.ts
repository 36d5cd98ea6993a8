import { z } from 'zod';
import type { PersonId } from './ids';

/**
 * A community's settings, stored as JSON and read through this schema, so an old row missing a newer key
 * gets the default instead of breaking.
 */
export const communitySettingsSchema = z.object({
  /** Default check-in cadence for new pairings, in minutes. */
  cadenceMinutes: z
    .number()
    .int()
    .min(1)
    .max(129_600)
    .default(14 * 24 * 60),
  /** Local time range in which nobody is nudged; null turns quiet hours off. */
  quietHours: z.object({ start: z.string(), end: z.string() }).nullable().default({ start: '20:00', end: '08:00' }),
  defaultCapacity: z.number().int().min(1).max(20).default(2),
  /** A past pair is not matched again until this many days after it ended. */
  repeatWindowDays: z.number().int().min(0).max(3650).default(365),
  /** How many mentors a mentee may have at once. */
  menteePairings: z.number().int().min(1).max(5).default(1),
  moderators: z.array(z.string()).default([]),
  /** A platform role id (a Discord role) whose holders are moderators too; null when none is set. */
  moderatorRole: z.string().nullable().default(null),
  /**
   * A platform channel id where the bot may open a private thread for someone whose direct messages are closed
   * (Discord); null: such messages fail and moderators see them as undeliverable.
   */
  fallbackChannel: z.string().nullable().default(null),
  timezone: z.string().default('UTC'),
  welcome: z.string().max(1000).default(''),
  /** Whether mentees get the check-in nudge too (mentors always do). */
  nudgeMentee: z.boolean().default(true),
  /** Unanswered check-ins in a row before the pair is asked "still on?". */
  missesBeforeAsk: z.number().int().min(1).max(10).default(2),
  /** Unanswered check-ins in a row before the pairing is flagged at risk and moderators are told. */
  missesBeforeAtRisk: z.number().int().min(1).max(20).default(3),
  /** Cron expression (5 fields, community time zone) for automatic rounds; null means rounds are run by hand. */
  roundSchedule: z.string().nullable().default(null),
  /** When a scheduled round fires: publish it at once, or leave the draft for a moderator. */
  autoPublish: z.boolean().default(false),
  /** Matching weights a community overrides; absent keys use the matcher's defaults. */
  weights: z
    .object({
      goalFit: z.number().min(0).max(1),
      timezoneOverlap: z.number().min(0).max(1),
      experienceGap: z.number().min(0).max(1),
      cadence: z.number().min(0).max(1),
      priority: z.number().min(0).max(1),
      loadSpread: z.number().min(0).max(1),
    })
    .partial()
    .default({}),
});

export type CommunitySettings = z.infer<typeof communitySettingsSchema>;

export function readSettings(stored: unknown): CommunitySettings {
  const parsed = communitySettingsSchema.safeParse(stored ?? {});
  if (parsed.success) return parsed.data;
  // A row written by a newer or broken version must not lock the community out: keep every setting that is
  // still valid and fall back to the default only for the ones that are not.
  const raw = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const valid = Object.fromEntries(
    Object.entries(communitySettingsSchema.shape).flatMap(([key, schema]) =>
      key in raw && schema.safeParse(raw[key]).success ? [[key, raw[key]]] : [],
    ),
  );
  return communitySettingsSchema.parse(valid);
}

export interface Community {
  id: string;
  name: string;
  settings: CommunitySettings;
}

export const isConfiguredModerator = (settings: CommunitySettings, person: PersonId, roles: string[] = []): boolean =>
  settings.moderators.includes(person) || (settings.moderatorRole !== null && roles.includes(settings.moderatorRole));
