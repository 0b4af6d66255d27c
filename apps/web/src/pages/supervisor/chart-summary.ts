/** A chart's spoken summary names this many rows, then says how many more there are. */
export const SPOKEN_ROWS = 8;

/** "<head> <row>; <row>; ….", naming the first SPOKEN_ROWS rows, then `more(count)` of the others if any. */
export function spokenSummary<T>(head: string, rows: readonly T[], describe: (row: T) => string, more: (count: number) => string): string {
  const rest = rows.length - SPOKEN_ROWS;
  return `${head} ${rows.slice(0, SPOKEN_ROWS).map(describe).join('; ')}.${rest > 0 ? ` ${more(rest)}` : ''}`;
}
