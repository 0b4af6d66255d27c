import type { WeeklyInterval } from './business-hours';

/** A calendar as a client sends it, checked and put in order: what gets stored. */
export interface BusinessHoursFields {
  name: string;
  timezone: string;
  weekly: WeeklyInterval[];
  holidays: string[];
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] };

export const MAX_INTERVALS = 100;
export const MAX_HOLIDAYS = 1000;
const MAX_NAME = 100;
const DAY_MINUTES = 1440;
const WEEK_MINUTES = 7 * DAY_MINUTES;
const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const INTERVAL_KEYS = new Set(['day', 'from', 'to']);

/**
 * Checks a whole calendar in one pass and names every problem at once, including those only visible across
 * intervals (overlaps), so a client fixes its form in one round trip.
 *
 * An interval whose `to` is before its `from` runs past midnight into the next day (Sunday's runs into Monday):
 * `{day: 5, from: "22:00", to: "02:00"}` is Friday 22:00 to Saturday 02:00. `to` equal to `from` is refused as
 * ambiguous (nothing, or 24 hours?): a whole day is `00:00`–`24:00`. Intervals may touch but not overlap, also
 * across midnight. Holidays are local dates in the calendar's time zone, returned without duplicates, in order.
 */
export function checkBusinessHours(input: Record<string, unknown>): Checked<BusinessHoursFields> {
  const problems: string[] = [];

  const name = typeof input.name === 'string' ? input.name.trim() : input.name;
  if (name === undefined || name === null) problems.push('name is required');
  else if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME) problems.push(`name must be a text of 1 to ${MAX_NAME} characters`);

  let timezone: string | null = null;
  if (input.timezone === undefined || input.timezone === null) problems.push('timezone is required');
  else {
    timezone = typeof input.timezone === 'string' ? canonicalTimeZone(input.timezone) : null;
    if (!timezone) problems.push(`timezone must be an IANA time zone such as Europe/Rome (got ${JSON.stringify(input.timezone)})`);
  }

  const weekly = checkWeekly(input.weekly, problems);
  const holidays = checkHolidays(input.holidays ?? [], problems);

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { name: name as string, timezone: timezone!, weekly: weekly!, holidays: holidays! } };
}

/** The zone's canonical IANA name (`europe/rome` → `Europe/Rome`), or null when Intl does not know it as a zone name. */
export function canonicalTimeZone(zone: string): string | null {
  // Intl also takes UTC offsets such as "+01:00": they are not IANA zones and do not follow daylight saving time.
  if (zone.trim() === '' || /^[+-]/.test(zone.trim())) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone.trim() }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Minutes since midnight of an `HH:MM` time; `24:00` only when `endOfDay` is allowed. Null when malformed. */
export function clockMinutes(value: unknown, endOfDay: boolean): number | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours === 24 && minutes === 0 && endOfDay) return DAY_MINUTES;
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * An interval's start in minutes since its day's midnight and its length in minutes; null when a time is malformed.
 * A `to` not after `from` runs past midnight into the next day, so an interval never lasts more than 24 hours.
 */
export function dayMinutes(interval: WeeklyInterval): { from: number; length: number } | null {
  const from = clockMinutes(interval.from, false);
  const to = clockMinutes(interval.to, true);
  if (from === null || to === null) return null;
  return { from, length: to > from ? to - from : to + DAY_MINUTES - from };
}

/** Where a well-formed interval lies in the week, in minutes from Monday 00:00; an overnight one may wrap past Sunday. */
export function weekSpan(interval: WeeklyInterval): { start: number; end: number } {
  const { from, length } = dayMinutes(interval)!;
  const start = (interval.day - 1) * DAY_MINUTES + from;
  return { start, end: start + length };
}

function checkWeekly(value: unknown, problems: string[]): WeeklyInterval[] | null {
  if (value === undefined || value === null) {
    problems.push('weekly is required');
    return null;
  }
  if (!Array.isArray(value)) {
    problems.push('weekly must be a list of intervals {day, from, to}');
    return null;
  }
  // A calendar that is never open would stop every clock that uses it for good.
  if (value.length === 0) problems.push('weekly must contain at least one interval');
  if (value.length > MAX_INTERVALS) {
    problems.push(`weekly may hold at most ${MAX_INTERVALS} intervals`);
    return null;
  }
  const valid: Array<{ index: number; interval: WeeklyInterval }> = [];
  value.forEach((item: unknown, index) => {
    const at = `weekly[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push(`${at} must be an interval {day, from, to}`);
      return;
    }
    const raw = item as Record<string, unknown>;
    const before = problems.length;
    for (const key of Object.keys(raw)) if (!INTERVAL_KEYS.has(key)) problems.push(`${at}.${key} is not allowed`);
    const day = raw.day;
    if (typeof day !== 'number' || !Number.isInteger(day) || day < 1 || day > 7) {
      problems.push(`${at}.day must be an integer from 1 (Monday) to 7 (Sunday)`);
    }
    const from = clockMinutes(raw.from, false);
    const to = clockMinutes(raw.to, true);
    if (from === null) problems.push(`${at}.from must be a time HH:MM from 00:00 to 23:59`);
    if (to === null) problems.push(`${at}.to must be a time HH:MM from 00:00 to 24:00`);
    if (from !== null && to !== null && from === to) {
      problems.push(`${at}.to must differ from from (a whole day is 00:00 to 24:00)`);
    }
    if (problems.length === before) valid.push({ index, interval: { day: day as WeeklyInterval['day'], from: raw.from as string, to: raw.to as string } });
  });
  for (const overlap of overlaps(valid)) problems.push(overlap);
  return valid
    .map((v) => v.interval)
    .sort((a, b) => a.day - b.day || clockMinutes(a.from, false)! - clockMinutes(b.from, false)! || clockMinutes(a.to, true)! - clockMinutes(b.to, true)!);
}

/** Every pair of intervals sharing a minute, once each; touching ends (12:00 then 12:00) do not overlap. */
function overlaps(intervals: Array<{ index: number; interval: WeeklyInterval }>): string[] {
  const segments = intervals.flatMap(({ index, interval }) => {
    const { start, end } = weekSpan(interval);
    return end > WEEK_MINUTES ? [{ index, interval, start, end: WEEK_MINUTES }, { index, interval, start: 0, end: end - WEEK_MINUTES }] : [{ index, interval, start, end }];
  });
  const found = new Map<string, string>();
  for (let i = 0; i < segments.length; i++) {
    for (let j = i + 1; j < segments.length; j++) {
      const a = segments[i]!;
      const b = segments[j]!;
      if (a.index === b.index || a.start >= b.end || b.start >= a.end) continue;
      const [first, second] = a.index < b.index ? [a, b] : [b, a];
      const key = `${first.index}:${second.index}`;
      if (!found.has(key)) {
        found.set(key, `weekly[${second.index}] (${describe(second.interval)}) overlaps weekly[${first.index}] (${describe(first.interval)})`);
      }
    }
  }
  return [...found.entries()].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })).map(([, message]) => message);
}

function describe(interval: WeeklyInterval): string {
  return `${DAY_NAMES[interval.day - 1]} ${interval.from}-${interval.to}`;
}

function checkHolidays(value: unknown, problems: string[]): string[] | null {
  if (!Array.isArray(value)) {
    problems.push('holidays must be a list of dates YYYY-MM-DD');
    return null;
  }
  if (value.length > MAX_HOLIDAYS) {
    problems.push(`holidays may hold at most ${MAX_HOLIDAYS} dates`);
    return null;
  }
  const dates = new Set<string>();
  value.forEach((item: unknown, index) => {
    if (isCalendarDate(item)) dates.add(item);
    else problems.push(`holidays[${index}] must be a calendar date YYYY-MM-DD (got ${JSON.stringify(item)})`);
  });
  return [...dates].sort();
}
