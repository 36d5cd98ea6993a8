import { IANAZone } from 'luxon';

/** The canonical IANA name ('europe/berlin' becomes 'Europe/Berlin'), or null when there is no such zone. */
export function canonicalTimezone(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed || !IANAZone.isValidZone(trimmed)) return null;
  return new Intl.DateTimeFormat('en-US', { timeZone: trimmed }).resolvedOptions().timeZone;
}

/** For 'Berlin' or 'new york', the zone whose city part matches, so the error can say what was meant. */
export function suggestTimezone(name: string): string | null {
  const wanted = name.trim().toLowerCase().replace(/\s+/g, '_');
  if (!wanted) return null;
  return Intl.supportedValuesOf('timeZone').find((zone) => zone.toLowerCase().endsWith(`/${wanted}`)) ?? null;
}

export function timezoneProblem(name: string): string {
  const hint = suggestTimezone(name);
  return hint
    ? `"${name}" is not a time zone name; did you mean ${hint}?`
    : `"${name}" is not a time zone name; use an IANA name such as America/New_York or Europe/Berlin.`;
}
