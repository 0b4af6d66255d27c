import type { BusinessHours } from './business-hours';
import { dayMinutes } from './weekly-hours';
import { zoneOffset } from './zone-offsets';

const MINUTES_PER_DAY = 24 * 60;

/** Wall-clock reading of an instant in a time zone. */
interface LocalTime {
  /** `YYYY-MM-DD`, as holidays are written. */
  date: string;
  /** 1 is Monday. */
  day: number;
  /** Minutes since local midnight, seconds included as a fraction. */
  minute: number;
}

/**
 * Whether the calendar is open at an instant, read on the wall clock of the calendar's time zone, so daylight
 * saving changes move nothing: 09:00–18:00 is 09:00–18:00 local on either side of them (a wall-clock hour the
 * spring change skips does not exist; one the autumn change repeats is open or closed both times).
 *
 * Intervals are read as checkBusinessHours stores them: one whose `to` is before its `from` runs past midnight
 * into the next day (`22:00`–`06:00`); `24:00` ends the day. (Stored calendars never have `to` equal to `from`;
 * such an interval, were it given here, would last 24 hours, as dayMinutes measures it.) A holiday is a local date
 * on which that day's own intervals do not open. An overnight interval belongs to the day it starts on: it does not start on a holiday, and one
 * that started the evening before a holiday still runs to its end in the holiday's early hours (the shift was
 * already under way).
 *
 * Throws RangeError for an unknown time zone or a malformed `HH:MM`.
 */
export function isOpenAt(hours: Pick<BusinessHours, 'timezone' | 'weekly' | 'holidays'>, at: Date): boolean {
  const now = localTime(hours.timezone, at);
  const holidays = new Set(hours.holidays);
  const yesterday = previousDate(now.date);
  const yesterdayDay = now.day === 1 ? 7 : now.day - 1;
  for (const interval of hours.weekly) {
    const span = dayMinutes(interval);
    if (!span) throw new RangeError(`business hours: ${JSON.stringify(interval)} does not run from HH:MM (00:00 to 23:59) to HH:MM (00:00 to 24:00)`);
    // How long the interval has been running, if it started today or (running past midnight) yesterday.
    if (interval.day === now.day && !holidays.has(now.date) && now.minute >= span.from && now.minute - span.from < span.length) return true;
    if (interval.day === yesterdayDay && !holidays.has(yesterday) && now.minute + MINUTES_PER_DAY - span.from < span.length) return true;
  }
  return false;
}

function localTime(timeZone: string, at: Date): LocalTime {
  const wall = new Date(at.getTime() + zoneOffset(timeZone, at.getTime()));
  return {
    date: wall.toISOString().slice(0, 10),
    day: wall.getUTCDay() === 0 ? 7 : wall.getUTCDay(),
    minute: wall.getUTCHours() * 60 + wall.getUTCMinutes() + (wall.getUTCSeconds() + wall.getUTCMilliseconds() / 1000) / 60,
  };
}

function previousDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! - 1)).toISOString().slice(0, 10);
}
