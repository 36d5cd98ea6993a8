import { z } from 'zod';
import { describeMinutes, MAX_CADENCE_MINUTES, MIN_CADENCE_MINUTES, parseDurationMinutes } from '../domain/duration';
import { fail, ok, type Result } from '../domain/result';
import { canonicalTimezone, timezoneProblem } from '../domain/timezone';
import type { ProfileFields } from './command';

/** The profile keys people type (`skills: pricing, clients`), with the aliases we accept. */
const KEY_ALIASES: Record<string, keyof ProfileFields> = {
  skills: 'skills',
  skill: 'skills',
  offers: 'skills',
  goals: 'goals',
  goal: 'goals',
  wants: 'goals',
  tz: 'timezone',
  timezone: 'timezone',
  languages: 'languages',
  language: 'languages',
  langs: 'languages',
  capacity: 'capacity',
  cadence: 'cadenceMinutes',
  checkins: 'cadenceMinutes',
  experience: 'experienceYears',
  years: 'experienceYears',
  name: 'displayName',
};

export const PROFILE_KEYS = Object.keys(KEY_ALIASES);

export const profileKeyFor = (word: string): keyof ProfileFields | undefined => KEY_ALIASES[word.toLowerCase()];

const listItem = z
  .string()
  .trim()
  .min(1)
  .max(60, 'each item must be at most 60 characters')
  .transform((item) => item.replace(/\s+/g, ' '));

function parseList(label: string, value: string, max: number): Result<string[]> {
  const items = value
    .split(/[,;]/)
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) return fail('invalid_field', `Give at least one ${label} item, separated by commas.`);
  if (items.length > max) return fail('invalid_field', `Give at most ${max} ${label}; you gave ${items.length}.`);
  const parsed = z.array(listItem).safeParse(items);
  if (!parsed.success) return fail('invalid_field', `Each of your ${label} must be at most 60 characters.`);
  // Same item twice in different case is one item.
  const seen = new Set<string>();
  return ok(parsed.data.filter((item) => !seen.has(item.toLowerCase()) && seen.add(item.toLowerCase())));
}

function parseWhole(label: string, value: string, min: number, max: number): Result<number> {
  const number = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || number < min || number > max) {
    return fail('invalid_field', `${label} must be a whole number from ${min} to ${max}; "${value.trim()}" is not.`);
  }
  return ok(number);
}

/** Validates one profile field as typed by a person (also used for modal fields, so errors sit by the field). */
export function parseProfileField<K extends keyof ProfileFields>(
  key: K,
  value: string,
): Result<NonNullable<ProfileFields[K]>> {
  const result = parseFieldValue(key, value);
  return result as Result<NonNullable<ProfileFields[K]>>;
}

function parseFieldValue(key: keyof ProfileFields, value: string): Result<unknown> {
  switch (key) {
    case 'skills':
      return parseList('skills', value, 20);
    case 'goals':
      return parseList('goals', value, 20);
    case 'languages':
      return parseList('languages', value.toLowerCase(), 10);
    case 'timezone': {
      const zone = canonicalTimezone(value);
      return zone ? ok(zone) : fail('invalid_timezone', timezoneProblem(value));
    }
    case 'capacity':
      return parseWhole('Capacity', value, 0, 20);
    case 'experienceYears':
      return parseWhole('Experience (years)', value, 0, 80);
    case 'cadenceMinutes': {
      const minutes = parseDurationMinutes(value);
      if (minutes === null) {
        return fail(
          'invalid_cadence',
          `Cadence "${value.trim()}" is not understood; say weekly, every 2 weeks, monthly or a number of days.`,
        );
      }
      if (minutes < MIN_CADENCE_MINUTES || minutes > MAX_CADENCE_MINUTES) {
        return fail('invalid_cadence', `A cadence must be from 1 minute to 90 days; "${value.trim()}" is longer.`);
      }
      return ok(minutes);
    }
    case 'displayName': {
      const name = value.trim().replace(/\s+/g, ' ');
      return name.length >= 1 && name.length <= 80
        ? ok(name)
        : fail('invalid_field', 'A name must be 1 to 80 characters.');
    }
  }
}

/** 'every week', 'every 2 weeks', 'every 10 days'. */
export function describeCadence(minutes: number): string {
  return `every ${describeMinutes(minutes).replace(/^1 /, '')}`;
}
