import { DomainException } from '@app/common';
import { instantOfWall, wallMs } from './local-offsets';

export const REPORT_GROUPS = ['role', 'agent', 'channel', 'day', 'hour'] as const;
export type ReportGroupBy = (typeof REPORT_GROUPS)[number];

/** The longest range a report covers: a year and some slack for "this year against the same week last year". */
export const MAX_RANGE_DAYS = 400;
/** Without `from`: this many local days before `to`. */
export const DEFAULT_RANGE_DAYS = 7;

export interface ReportRange<G extends string = ReportGroupBy> {
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  groupBy: G;
}

/** The query string as Express hands it over: a repeated parameter arrives as an array. */
export interface ReportQuery {
  from?: unknown;
  to?: unknown;
  groupBy?: unknown;
}

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// An instant must say which one it is: a local time without an offset would silently mean the server's zone.
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads a report's `from`, `to` and `groupBy` for a workspace whose wall clock is `timeZone`, naming every problem
 * at once.
 *
 * - `from` is inclusive, `to` exclusive. Each is a date `YYYY-MM-DD`, meaning the local midnight that starts it in
 *   the workspace's time zone (so `from=2026-03-01&to=2026-04-01` is the whole of local March, DST change included),
 *   or an ISO 8601 instant with `Z` or an offset (`2026-03-01T08:00:00+01:00`).
 * - Defaults: `to` is the end of today (the next local midnight after `now`); `from` is 7 local days before `to`
 *   (the same wall-clock time, so a DST change inside the week does not shift it). Neither given: today and the
 *   6 days before it.
 * - `from` must be before `to`, and `to` at most 400 local days after `from`; otherwise 400 REPORT_RANGE_INVALID.
 * - `groupBy` is one of `groups` (the SLA report's: role, agent, channel, day or hour), day by default; anything
 *   else is 400 VALIDATION_FAILED (which then also lists any range problem, so one answer names everything).
 */
/** The instants a report may name: PostgreSQL and the CSV's compact stamps read years 1970 to 9999 alike. */
const EARLIEST = Date.UTC(1970, 0, 1) - DAY_MS;
const LATEST = Date.UTC(9999, 11, 31);

export function parseReportQuery(query: ReportQuery, timeZone: string, now: Date): ReportRange;
export function parseReportQuery<G extends string>(query: ReportQuery, timeZone: string, now: Date, groups: readonly G[]): ReportRange<G>;
export function parseReportQuery(query: ReportQuery, timeZone: string, now: Date, groups: readonly string[] = REPORT_GROUPS): ReportRange<string> {
  const problems: string[] = [];
  let groupProblem = false;
  const groupBy = single('groupBy', query.groupBy, problems) ?? 'day';
  if (!groups.includes(groupBy)) {
    problems.push(`groupBy must be one of ${groups.join(', ')} (got ${JSON.stringify(groupBy)})`);
    groupProblem = true;
  } else if (Array.isArray(query.groupBy)) groupProblem = true;

  const fromText = single('from', query.from, problems);
  const toText = single('to', query.to, problems);
  const from = fromText === undefined ? undefined : readBound('from', fromText, timeZone, problems);
  const given = toText === undefined ? undefined : readBound('to', toText, timeZone, problems);
  if (from !== null && given !== null) {
    const to = given ?? startOfNextLocalDay(timeZone, now);
    const start = from ?? addLocalDays(timeZone, to, -DEFAULT_RANGE_DAYS);
    if (start.getTime() < EARLIEST || to.getTime() > LATEST) {
      problems.push(`from and to must lie between 1970-01-01 and 9999-12-31 (got from ${start.toISOString()}, to ${to.toISOString()})`);
    } else if (start.getTime() >= to.getTime()) {
      problems.push(`from must be before to (got from ${start.toISOString()}, to ${to.toISOString()})`);
    } else if (to.getTime() > addLocalDays(timeZone, start, MAX_RANGE_DAYS).getTime()) {
      const days = (to.getTime() - start.getTime()) / DAY_MS;
      problems.push(`the range may cover at most ${MAX_RANGE_DAYS} days (got ${Math.round(days * 10) / 10})`);
    }
    if (problems.length === 0) return { from: start, to, groupBy };
  }
  throw new DomainException(groupProblem ? 'VALIDATION_FAILED' : 'REPORT_RANGE_INVALID', problems);
}

/** One text value; a repeated parameter (`?from=a&from=b`) or a nested one (`?from[x]=1`) is a problem. */
function single(name: string, value: unknown, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  problems.push(`${name} must be given once, as text`);
  return undefined;
}

/** The instant a bound names; null (and a problem) when it names none. */
function readBound(name: string, text: string, timeZone: string, problems: string[]): Date | null {
  const date = DATE.exec(text);
  if (date && validDate(+date[1]!, +date[2]!, +date[3]!)) return localMidnight(timeZone, text);
  const instant = INSTANT.exec(text);
  if (instant && validDate(+instant[1]!, +instant[2]!, +instant[3]!) && +instant[4]! < 24 && +instant[5]! < 60 && +(instant[6] ?? 0) < 60) {
    const offset = instant[8]!;
    if (offset === 'Z' || (+offset.slice(1, 3) < 24 && +offset.slice(4, 6) < 60)) {
      // Date.parse reads at most milliseconds; finer digits are cut, not rounded, so an instant never moves later.
      const ms = Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
      if (Number.isFinite(ms)) return new Date(ms);
    }
  }
  problems.push(`${name} must be a date YYYY-MM-DD or an ISO 8601 instant with Z or an offset, such as 2026-03-01T08:00:00Z (got ${JSON.stringify(text.slice(0, 40))})`);
  return null;
}

function validDate(y: number, m: number, d: number): boolean {
  const probe = new Date(0);
  probe.setUTCFullYear(y, m - 1, d);
  return y >= 1 && probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

/** The local midnight starting a date `YYYY-MM-DD` in the zone (the first instant of that local day). */
export function localMidnight(timeZone: string, date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const wall = new Date(0);
  wall.setUTCFullYear(y!, m! - 1, d!);
  return instantOfWall(timeZone, wall.getTime());
}

/** The local date `YYYY-MM-DD` of an instant in the zone. */
export function localDate(timeZone: string, at: Date): string {
  return new Date(wallMs(timeZone, at.getTime())).toISOString().slice(0, 10);
}

/** The same wall-clock time `days` local days later (or earlier). */
export function addLocalDays(timeZone: string, at: Date, days: number): Date {
  return instantOfWall(timeZone, wallMs(timeZone, at.getTime()) + days * DAY_MS);
}

/** The local midnight after `now`: the end of today. */
export function startOfNextLocalDay(timeZone: string, now: Date): Date {
  const today = localDate(timeZone, now);
  return localMidnight(timeZone, new Date(Date.parse(`${today}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10));
}

/** True when the instant is the local midnight starting its local date (a bound given as a date). */
export function isLocalMidnight(timeZone: string, at: Date): boolean {
  return localMidnight(timeZone, localDate(timeZone, at)).getTime() === at.getTime();
}

/**
 * A report bound as a CSV file name says it: its local date when it is a local midnight (a bound given as a date),
 * else its compact UTC instant (`20260302T000000Z`). Only digits, letters and - (safe to quote as is).
 */
export function boundForFilename(timeZone: string, iso: string): string {
  const at = new Date(iso);
  return isLocalMidnight(timeZone, at) ? localDate(timeZone, at) : iso.replace(/[-:]|\.\d+/g, '');
}
