/** Discord shows at most 25 suggestions, each at most 100 characters. */
const MAX_CHOICES = 25;
const MAX_VALUE = 100;

export interface Choice {
  name: string;
  value: string;
}

let zones: string[] | null = null;
const allZones = (): string[] => (zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')]);

/** IANA zones whose name, or one of its parts (`berlin` → Europe/Berlin), starts with what was typed. */
export function timezoneChoices(typed: string): Choice[] {
  const want = typed.trim().toLowerCase().replace(/\s+/g, '_');
  const matches = allZones().filter((zone) => {
    const lower = zone.toLowerCase();
    return lower.startsWith(want) || lower.split('/').some((part) => part.startsWith(want));
  });
  return matches.slice(0, MAX_CHOICES).map((zone) => ({ name: zone, value: zone }));
}

/**
 * A comma-separated list is completed item by item: what was typed before the last comma stays, and the last
 * item is completed from the community's known skills (`lookup`), skipping those already in the list.
 */
export async function skillChoices(typed: string, lookup: (prefix: string) => Promise<string[]>): Promise<Choice[]> {
  const comma = typed.lastIndexOf(',');
  const head = comma >= 0 ? `${typed.slice(0, comma + 1).trim()} ` : '';
  const last = typed.slice(comma + 1).trim();
  const given = new Set(
    head
      .split(',')
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean),
  );
  const skills = await lookup(last);
  return skills
    .filter((skill) => !given.has(skill.toLowerCase()))
    .map((skill) => `${head}${skill}`)
    .filter((value) => value.length <= MAX_VALUE)
    .slice(0, MAX_CHOICES)
    .map((value) => ({ name: value, value }));
}
