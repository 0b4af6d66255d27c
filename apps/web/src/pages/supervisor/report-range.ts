/** A calendar date `YYYY-MM-DD`, read by the report in the workspace's time zone. */
export type IsoDate = string;

/** The dates a person picks: both days included (the API's `to` is exclusive: see `rangeQuery`). */
export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

export type Preset = 'last7' | 'last30' | 'thisMonth';
export const PRESETS: readonly Preset[] = ['last7', 'last30', 'thisMonth'];

/** The API refuses longer ranges (`REPORT_RANGE_INVALID`). */
export const MAX_RANGE_DAYS = 400;

const DAY_MS = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Today's date in `timeZone` (the workspace's: reports count days there, not in the browser's zone). */
export function todayIn(timeZone: string, now: number = Date.now()): IsoDate {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const toMs = (date: IsoDate): number => Date.parse(`${date}T00:00:00Z`);
const fromMs = (ms: number): IsoDate => new Date(ms).toISOString().slice(0, 10);

/** Calendar arithmetic on dates alone (UTC midnights: no daylight-saving day is 23 hours long here). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromMs(toMs(date) + days * DAY_MS);
}

/** Days from `from` to `to`, both included. */
export function daysIn(range: DateRange): number {
  return Math.round((toMs(range.to) - toMs(range.from)) / DAY_MS) + 1;
}

/** Every date of the range, in order. */
export function datesOf(range: DateRange): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function presetRange(preset: Preset, today: IsoDate): DateRange {
  switch (preset) {
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'thisMonth': {
      const first = `${today.slice(0, 8)}01`;
      const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
      const nextFirst = fromMs(Date.UTC(y, m, 1));
      return { from: first, to: addDays(nextFirst, -1) };
    }
  }
}

/** The preset a range is, if any: the matching button shows as pressed. */
export function presetOf(range: DateRange, today: IsoDate): Preset | null {
  return PRESETS.find((p) => {
    const r = presetRange(p, today);
    return r.from === range.from && r.to === range.to;
  }) ?? null;
}

export type RangeProblem = 'missing' | 'order' | 'tooLong';

/** What keeps a range from being asked for, checked before the request so the form can say it at once. */
export function rangeProblem(range: DateRange): RangeProblem | null {
  if (!ISO_DATE.test(range.from) || !ISO_DATE.test(range.to) || Number.isNaN(toMs(range.from)) || Number.isNaN(toMs(range.to))) return 'missing';
  if (range.to < range.from) return 'order';
  if (daysIn(range) > MAX_RANGE_DAYS) return 'tooLong';
  return null;
}

/** The API's bounds: `from` inclusive, `to` exclusive (the day after the last one picked). */
export function rangeQuery(range: DateRange): { from: IsoDate; to: IsoDate } {
  return { from: range.from, to: addDays(range.to, 1) };
}

export type ReportGroup = 'role' | 'agent' | 'channel' | 'day' | 'hour';

/** The desk's reports: `GET /api/reports/sla` and `GET /api/reports/sentiment`. */
export type ReportName = 'sla' | 'sentiment';

/** `sla-report-role-2026-11-01-2026-12-01.csv`: the report, the grouping and the API's bounds, as the desk names its own CSV. */
export function csvFilename(groupBy: ReportGroup, range: DateRange, report: ReportName = 'sla'): string {
  const q = rangeQuery(range);
  return `${report}-report-${groupBy}-${q.from}-${q.to}.csv`;
}
