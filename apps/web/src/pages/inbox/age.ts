/**
 * How long ago the last activity was, as the row says it: "just now", minutes, hours, days within a week, else the
 * date. Pure; the row formats it with Intl.RelativeTimeFormat in the chosen language.
 */
export type Age = { kind: 'now' } | { kind: 'relative'; value: number; unit: 'minute' | 'hour' | 'day' } | { kind: 'date' };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export function ageOf(then: number, now: number): Age {
  const ms = Math.max(0, now - then);
  if (ms < 45_000) return { kind: 'now' };
  if (ms < HOUR) return { kind: 'relative', value: Math.max(1, Math.round(ms / MINUTE)), unit: 'minute' };
  if (ms < DAY) return { kind: 'relative', value: Math.floor(ms / HOUR), unit: 'hour' };
  if (ms < 7 * DAY) return { kind: 'relative', value: Math.floor(ms / DAY), unit: 'day' };
  return { kind: 'date' };
}
