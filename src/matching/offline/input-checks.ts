import { IANAZone } from 'luxon';

/** "mentors[2].capacity" from a zod-style path. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out === '' ? '' : '.'}${String(part)}`;
  return out === '' ? 'the file' : out;
}

export function isKnownZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

export function unknownZoneMessage(where: string, zone: string): string {
  return `${where} "${zone}" is not a known time zone (use an IANA name such as Europe/Berlin)`;
}

/** Dates in files are calendar days or full ISO timestamps; anything else is refused rather than guessed. */
export function parseDate(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim())) return undefined;
  const date = new Date(text.trim().length === 10 ? `${text.trim()}T00:00:00Z` : text.trim());
  return Number.isNaN(date.getTime()) ? undefined : date;
}
