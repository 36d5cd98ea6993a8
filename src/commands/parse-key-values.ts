import { fail, ok, type Result } from '../domain/result';
import type { ProfileFields } from './command';
import { parseProfileField, PROFILE_KEYS, profileKeyFor } from './profile-fields';

const KEY_PATTERN = new RegExp(`(?:^|\\s)(${PROFILE_KEYS.join('|')})\\s*:`, 'gi');

/**
 * Reads `skills: pricing, finding clients tz: America/New_York capacity: 2` into validated profile fields.
 * Text before the first key, or a key given twice, is an error rather than something silently dropped.
 */
export function parseKeyValues(text: string): Result<ProfileFields> {
  const matches = [...text.matchAll(KEY_PATTERN)];
  const leading = (matches[0] ? text.slice(0, matches[0].index) : text).trim();
  if (leading) {
    return fail(
      'unexpected_text',
      `I did not understand "${leading}"; give details as key: value, for example skills: pricing, contracts tz: Europe/Berlin.`,
    );
  }
  const fields: Record<string, unknown> = {};
  for (let i = 0; i < matches.length; i++) {
    const match = matches[i]!;
    const word = match[1]!;
    const key = profileKeyFor(word)!;
    if (key in fields) return fail('duplicate_field', `You gave ${word} twice; give each detail once.`);
    const start = match.index + match[0].length;
    const end = matches[i + 1]?.index ?? text.length;
    const value = text.slice(start, end).trim();
    if (!value) return fail('missing_value', `${word}: needs a value after the colon.`);
    const parsed = parseProfileField(key, value);
    if (!parsed.ok) return parsed;
    fields[key] = parsed.value;
  }
  return ok(fields as ProfileFields);
}
