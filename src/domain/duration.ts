/** Check-in cadences and pause lengths are minutes: from 1 minute (handy for trials) to 90 days. */
export const MIN_CADENCE_MINUTES = 1;
export const MAX_CADENCE_MINUTES = 90 * 24 * 60;

const NAMED: Record<string, number> = {
  daily: 24 * 60,
  weekly: 7 * 24 * 60,
  biweekly: 14 * 24 * 60,
  fortnightly: 14 * 24 * 60,
  monthly: 30 * 24 * 60,
};

const UNIT_MINUTES: Record<string, number> = { m: 1, min: 1, h: 60, hr: 60, d: 24 * 60, w: 7 * 24 * 60 };

function unitMinutes(unit: string): number | undefined {
  const singular = unit.replace(/s$/, '');
  const key = ({ minute: 'm', hour: 'h', day: 'd', week: 'w' } as Record<string, string>)[singular] ?? singular;
  return UNIT_MINUTES[key];
}

/**
 * Reads 'weekly', 'every 2 weeks', '10 days', '3d', '90 minutes'. Returns null when the text is not a duration;
 * range checks are the caller's, since they differ by use.
 */
export function parseDurationMinutes(text: string): number | null {
  const clean = text
    .trim()
    .toLowerCase()
    .replace(/^every\s+/, '');
  // Own keys only: 'constructor' is not a cadence.
  if (Object.hasOwn(NAMED, clean)) return NAMED[clean]!;
  const match = /^(\d{1,6})\s*([a-z]+)$/.exec(clean) ?? /^()(week|day|month)$/.exec(clean);
  if (!match) return null;
  const count = match[1] === '' ? 1 : Number(match[1]);
  const unit = match[2] === 'month' || match[2] === 'months' ? 30 * 24 * 60 : unitMinutes(match[2] ?? '');
  if (!unit || count < 1) return null;
  return count * unit;
}

/** '1 week', '2 weeks', '3 days', '45 minutes': the largest whole unit. */
export function describeMinutes(minutes: number): string {
  const units: [number, string][] = [
    [7 * 24 * 60, 'week'],
    [24 * 60, 'day'],
    [60, 'hour'],
    [1, 'minute'],
  ];
  for (const [size, name] of units) {
    if (minutes % size === 0) {
      const count = minutes / size;
      return `${count} ${name}${count === 1 ? '' : 's'}`;
    }
  }
  return `${minutes} minutes`;
}
