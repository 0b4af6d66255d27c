/**
 * SLA clock arithmetic over business hours. Business time is exactly the time isOpenAt (open-hours.ts) calls open:
 * intervals are local wall-clock times in the calendar's zone; one whose `to` is not after its `from` runs into the
 * next day; `24:00` ends the day; a holiday keeps that date's own intervals shut, while an overnight interval started
 * the evening before still runs. So a wall-clock span the spring change skips is not there (01:00–04:00 on Rome's
 * spring-forward day lasts 2 real hours) and one the autumn change repeats counts twice (4 real hours on fall-back day).
 *
 * It goes day by day over local dates, mapping each interval to instants with the zone's offsets read through Intl,
 * never minute by minute: a month of business time costs a few hundred Intl calls.
 */
import type { BusinessHours } from './business-hours';
import { dayMinutes } from './weekly-hours';
import { offsetSegments, zoneOffset } from './zone-offsets';

/** A calendar as the arithmetic needs it; null means wall-clock time (24/7). */
export type Calendar = Pick<BusinessHours, 'timezone' | 'weekly' | 'holidays'> | null;

const MINUTE = 60_000;
const DAY = 86_400_000;
/** addBusinessSeconds looks this far at a time: each look costs a few dozen Intl calls whatever the calendar. */
const CHUNK = 7 * DAY;
/** addBusinessSeconds gives up after this long without any business time: such a calendar never opens again. */
const HORIZON = 731 * DAY;

/**
 * The earliest instant t at which `seconds` business seconds have elapsed since `from`, i.e. with
 * businessSecondsBetween(cal, from, t) >= seconds. For 0 that is `from` itself, open or closed; otherwise the result
 * lies inside open time or at its end (Friday 17:30 plus 30 minutes is 18:00, not Monday's opening), and a `from`
 * outside business hours counts from the next opening. `seconds` is taken to the millisecond, rounded up.
 *
 * Throws RangeError when `seconds` is negative or not finite, a date is invalid, the zone is unknown or a time is
 * malformed, and when the calendar has no business time at all, or none for 731 days (about two years) in a row from
 * some point on (every day a holiday): such a clock would never fall due.
 */
export function addBusinessSeconds(cal: Calendar, from: Date, seconds: number): Date {
  const start = instant(from);
  if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`business time: seconds must be a finite number >= 0 (got ${seconds})`);
  let remaining = Math.ceil(Math.round(seconds * 1e6) / 1000); // through microseconds, so 0.29 s is 290 ms and not 291
  if (remaining === 0) return new Date(start);
  if (cal === null) return new Date(start + remaining);
  const calendar = prepare(cal);
  if (calendar.empty) throw new RangeError('business time: the calendar has no business hours, so the time never elapses');
  let lastOpen = start;
  for (let cursor = start; ; cursor += CHUNK) {
    for (const [open, close] of openMs(calendar, cursor, cursor + CHUNK)) {
      if (close - open >= remaining) return new Date(open + remaining);
      remaining -= close - open;
      lastOpen = close;
    }
    if (cursor + CHUNK - lastOpen >= HORIZON) {
      throw new RangeError(`business time: the calendar has no business hours for ${HORIZON / DAY} days after ${new Date(lastOpen).toISOString()}`);
    }
  }
}

/**
 * Business seconds in [a, b); 0 when b <= a (and for a calendar that is never open). Instants carry milliseconds,
 * so the result is a whole number of milliseconds, in seconds. Throws RangeError as addBusinessSeconds does.
 */
export function businessSecondsBetween(cal: Calendar, a: Date, b: Date): number {
  const from = instant(a);
  const until = instant(b);
  if (until <= from) return 0;
  if (cal === null) return (until - from) / 1000;
  let ms = 0;
  for (const [open, close] of openMs(prepare(cal), from, until)) ms += close - open;
  return ms / 1000;
}

/**
 * The open time within [from, until), as UTC instants, in order; intervals that touch or overlap (across midnight,
 * from one day's shift into the next) are merged, and the first and last are cut at `from` and `until`.
 */
export function openIntervals(cal: NonNullable<Calendar>, from: Date, until: Date): Array<{ start: Date; end: Date }> {
  return openMs(prepare(cal), instant(from), instant(until)).map(([start, end]) => ({ start: new Date(start), end: new Date(end) }));
}

/** A calendar read once: each weekday's intervals in minutes since that day's local midnight. */
interface Prepared {
  timezone: string;
  /** Index 1 (Monday) to 7 (Sunday). */
  byDay: Array<Array<{ from: number; length: number }>>;
  holidays: Set<string>;
  empty: boolean;
}

function prepare(cal: NonNullable<Calendar>): Prepared {
  zoneOffset(cal.timezone, 0); // an unknown zone throws RangeError here, even for a calendar with no intervals
  const byDay: Prepared['byDay'] = Array.from({ length: 8 }, () => []);
  for (const interval of cal.weekly) {
    const span = dayMinutes(interval);
    if (!span || !Number.isInteger(interval.day) || interval.day < 1 || interval.day > 7) {
      throw new RangeError(`business hours: ${JSON.stringify(interval)} does not run from HH:MM (00:00 to 23:59) to HH:MM (00:00 to 24:00) on a day 1 to 7`);
    }
    byDay[interval.day]!.push(span);
  }
  return { timezone: cal.timezone, byDay, holidays: new Set(cal.holidays), empty: cal.weekly.length === 0 };
}

/**
 * Open time within [from, until) as [start, end) epoch-ms pairs. Cuts the range where the zone's offset changes; on
 * each local date that could matter it maps every interval starting that day (unless a holiday) from wall-clock time
 * to instants, piece by piece over those stretches, and keeps what falls inside them.
 */
function openMs(calendar: Prepared, from: number, until: number): Array<[number, number]> {
  if (until <= from || calendar.empty) return [];
  const segments = offsetSegments(calendar.timezone, from, until);
  // Local dates whose wall clock shows up in the range; the day before too, for its overnight intervals.
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (const { start, end, offset } of segments) {
    firstDay = Math.min(firstDay, Math.floor((start + offset) / DAY) - 1);
    lastDay = Math.max(lastDay, Math.floor((end - 1 + offset) / DAY));
  }
  const pieces: Array<[number, number]> = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const intervals = calendar.byDay[weekday(day)]!;
    if (intervals.length === 0 || calendar.holidays.has(isoDate(day))) continue;
    for (const { from: minute, length } of intervals) {
      const wallStart = day * DAY + minute * MINUTE;
      const wallEnd = wallStart + length * MINUTE;
      // Within a segment the wall clock reads instant + offset, so the interval is [wallStart, wallEnd) - offset there.
      for (const { start, end, offset } of segments) {
        const open = Math.max(start, wallStart - offset);
        const close = Math.min(end, wallEnd - offset);
        if (open < close) pieces.push([open, close]);
      }
    }
  }
  return merge(pieces);
}

function merge(pieces: Array<[number, number]>): Array<[number, number]> {
  pieces.sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if (last && piece[0] <= last[1]) last[1] = Math.max(last[1], piece[1]);
    else merged.push([piece[0], piece[1]]);
  }
  return merged;
}

/** 1 (Monday) to 7 (Sunday) for a day number counted from 1970-01-01, a Thursday. */
function weekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** `YYYY-MM-DD` of a day number, as holidays are written. */
function isoDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

function instant(date: Date): number {
  const ms = date instanceof Date ? date.getTime() : NaN;
  if (Number.isNaN(ms)) throw new RangeError('business time: invalid date');
  return ms;
}
