import { DateTime } from 'luxon';

export interface QuietHours {
  /** Local 'HH:MM' when quiet starts and ends; a window may run past midnight (20:00-08:00). */
  start: string;
  end: string;
}

const minutesOf = (clock: string): number => {
  const [h, m] = clock.split(':').map(Number);
  return h! * 60 + m!;
};

/**
 * When a nudge due at `due` should reach a person in `timezone`: at once, unless that falls in their quiet
 * hours, then at the end of the quiet window on their own clock. Luxon does the local arithmetic, so a DST
 * change inside the window lands on the right instant (08:00 local, whatever the offset became).
 */
export function deliveryTime(due: Date, timezone: string, quiet: QuietHours | null): Date {
  if (!quiet) return due;
  const local = DateTime.fromJSDate(due, { zone: timezone });
  const now = local.hour * 60 + local.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const overnight = start > end;
  const inside = overnight ? now >= start || now < end : now >= start && now < end;
  if (!inside) return due;
  // After the start on an overnight window, the window ends tomorrow; otherwise it ends today.
  const endDay = overnight && now >= start ? local.plus({ days: 1 }) : local;
  return endDay.set({ hour: Math.floor(end / 60), minute: end % 60, second: 0, millisecond: 0 }).toJSDate();
}
