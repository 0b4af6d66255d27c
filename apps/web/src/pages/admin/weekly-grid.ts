/** Day 1 is Monday, 7 Sunday, as in the API. */
export const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Day = (typeof DAYS)[number];

export interface WeeklyInterval {
  day: number;
  from: string;
  to: string;
}
export interface Span {
  from: string;
  to: string;
}
/** The editor's model: one list of spans per day, Monday first (index 0 is day 1). */
export type WeeklyGrid = Span[][];

export const emptyGrid = (): WeeklyGrid => DAYS.map(() => []);

/** The API's flat intervals as the grid, each day's spans by start. */
export function gridFromIntervals(intervals: readonly WeeklyInterval[]): WeeklyGrid {
  const grid = emptyGrid();
  for (const i of intervals) if (i.day >= 1 && i.day <= 7) grid[i.day - 1]!.push({ from: i.from, to: i.to });
  for (const spans of grid) spans.sort((a, b) => a.from.localeCompare(b.from));
  return grid;
}

/**
 * `9` → `09:00`, `9.30` → `09:30`, `930` → `09:30`, `24` → `24:00`. Anything else comes back trimmed and unchanged,
 * so the server's validation names it (it also knows `24:00` is allowed only as an end).
 */
export function normalizeTime(text: string): string {
  const t = text.trim().replace('.', ':');
  let m = /^(\d{1,2})(?::(\d{2}))?$/.exec(t);
  if (!m) {
    const compact = /^(\d{1,2})(\d{2})$/.exec(t);
    if (!compact) return t;
    m = compact;
  }
  const hours = Number(m[1]);
  const minutes = Number(m[2] ?? 0);
  if (hours > 24 || minutes > 59) return t;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** The grid as the API's intervals, by day then start; rows left completely blank are dropped. */
export function intervalsFromGrid(grid: WeeklyGrid): WeeklyInterval[] {
  const out: WeeklyInterval[] = [];
  grid.forEach((spans, index) => {
    const day = index + 1;
    const filled = spans.filter((s) => s.from.trim() !== '' || s.to.trim() !== '').map((s) => ({ day, from: normalizeTime(s.from), to: normalizeTime(s.to) }));
    filled.sort((a, b) => a.from.localeCompare(b.from));
    out.push(...filled);
  });
  return out;
}

/** The same spans on other days (e.g. Monday's hours on every weekday), replacing what those days had. */
export function copyDay(grid: WeeklyGrid, from: Day, to: readonly Day[]): WeeklyGrid {
  const source = grid[from - 1] ?? [];
  return grid.map((spans, index) => (to.includes((index + 1) as Day) && index + 1 !== from ? source.map((s) => ({ ...s })) : spans));
}

/** Office hours: Monday to Friday, 09:00–18:00. */
export function weekdaysGrid(from = '09:00', to = '18:00'): WeeklyGrid {
  return DAYS.map((d) => (d <= 5 ? [{ from, to }] : []));
}

/** A holiday added to the list: kept unique and in date order (ISO dates sort as text). */
export function addHoliday(holidays: readonly string[], date: string): string[] {
  const trimmed = date.trim();
  if (trimmed === '') return [...holidays];
  return [...new Set([...holidays, trimmed])].sort();
}

/**
 * A short reading of the week for lists: consecutive days with the same hours grouped,
 * `Mon–Fri 09:00–18:00; Sat 10:00–13:00`. `dayNames` are the seven short names, Monday first.
 */
export function weeklySummary(intervals: readonly WeeklyInterval[], dayNames: readonly string[]): string {
  const grid = gridFromIntervals(intervals);
  const text = grid.map((spans) => spans.map((s) => `${s.from}–${s.to}`).join(', '));
  const parts: string[] = [];
  let start = 0;
  for (let day = 1; day <= 7; day++) {
    if (day < 7 && text[day] === text[start]) continue;
    if (text[start]) parts.push(`${day - 1 === start ? dayNames[start] : `${dayNames[start]}–${dayNames[day - 1]}`} ${text[start]}`);
    start = day;
  }
  return parts.join('; ');
}
