import type { BusinessHours, WeeklyInterval } from './business-hours';

const MINUTES_PER_DAY = 24 * 60;
const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

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
 * An interval whose `to` is not after its `from` runs past midnight into the next day (`22:00`–`06:00`; equal
 * times are a full 24 hours); `24:00` ends the day. A holiday is a local date on which that day's own intervals
 * do not open. An overnight interval belongs to the day it starts on: it does not start on a holiday, and one
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
    const from = minutes(interval.from, interval);
    const to = minutes(interval.to, interval);
    const overnight = to <= from;
    if (interval.day === now.day && !holidays.has(now.date) && now.minute >= from && now.minute < (overnight ? MINUTES_PER_DAY : to)) return true;
    if (overnight && interval.day === yesterdayDay && !holidays.has(yesterday) && now.minute < to) return true;
  }
  return false;
}

function localTime(timeZone: string, at: Date): LocalTime {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const part: Record<string, string> = {};
  for (const p of format.formatToParts(at)) part[p.type] = p.value;
  const hour = Number(part.hour) % 24;
  return {
    date: `${part.year}-${part.month}-${part.day}`,
    day: WEEKDAY[part.weekday!]!,
    minute: hour * 60 + Number(part.minute) + (Number(part.second) + at.getUTCMilliseconds() / 1000) / 60,
  };
}

function previousDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! - 1)).toISOString().slice(0, 10);
}

function minutes(hhmm: string, interval: WeeklyInterval): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  const value = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!match || Number(match[2]) > 59 || value > MINUTES_PER_DAY) {
    throw new RangeError(`business hours: "${hhmm}" in ${JSON.stringify(interval)} is not a time from 00:00 to 24:00`);
  }
  return value;
}
