import { DateTime } from 'luxon';

/** Working hours are 08:00–20:00 local: 12 h, the length of the window on the 24 h clock. */
const WINDOW_MINUTES = 12 * 60;
const DAY_MINUTES = 24 * 60;

/** UTC offset in minutes of an IANA zone at `now` (DST included), or undefined for an unknown zone. */
export function utcOffsetMinutes(zone: string, now: Date): number | undefined {
  const dt = DateTime.fromJSDate(now, { zone });
  return dt.isValid ? dt.offset : undefined;
}

/**
 * Hours of shared working time for two UTC offsets. Both windows are 12 h arcs on the 24 h circle, so their
 * overlap is 12 h minus the circular distance between the offsets (a New York evening is a Tokyo morning).
 */
export function overlapHoursFromOffsets(offsetA: number, offsetB: number): number {
  const d = Math.abs(offsetA - offsetB) % DAY_MINUTES;
  const circular = Math.min(d, DAY_MINUTES - d);
  return Math.max(0, WINDOW_MINUTES - circular) / 60;
}

/** Shared working hours of two zones at `now`, or undefined when either zone is absent or unknown. */
export function timezoneOverlap(zoneA: string | undefined, zoneB: string | undefined, now: Date): number | undefined {
  if (zoneA === undefined || zoneB === undefined) return undefined;
  const a = utcOffsetMinutes(zoneA, now);
  const b = utcOffsetMinutes(zoneB, now);
  if (a === undefined || b === undefined) return undefined;
  return overlapHoursFromOffsets(a, b);
}
