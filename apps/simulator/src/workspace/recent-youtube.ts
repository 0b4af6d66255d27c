import type { YoutubeData } from '../fake-platform/types';

/** Where the fixture comments land: the oldest this long ago, the newest this long ago. */
export const YOUTUBE_WINDOW_MINUTES: readonly [number, number] = [28, 6];

const TIME_KEYS = new Set(['publishedAt', 'updatedAt']);
const MINUTE = 60_000;

/** `2024-06-10T08:42:11Z`, as YouTube writes times (no milliseconds). */
const youtubeTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function times(value: unknown, found: number[]): void {
  if (Array.isArray(value)) for (const v of value) times(v, found);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (TIME_KEYS.has(key) && typeof v === 'string' && !Number.isNaN(Date.parse(v))) found.push(Date.parse(v));
      else times(v, found);
    }
  }
}

function mapped<T>(value: T, map: (ms: number) => string): T {
  if (Array.isArray(value)) return value.map((v: unknown) => mapped(v, map)) as T;
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, TIME_KEYS.has(key) && typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? map(Date.parse(v)) : mapped(v, map)]),
  ) as T;
}

/**
 * The fake YouTube's comments moved into the last half hour, order and proportions kept: the fixtures were written
 * long ago, and a new desk's first poll would otherwise open with comments waiting for years.
 */
export function recentYoutubeData(data: YoutubeData, now: Date): YoutubeData {
  const found: number[] = [];
  times(data, found);
  if (found.length === 0) return data;
  const first = Math.min(...found);
  const span = Math.max(...found) - first;
  const [oldest, newest] = YOUTUBE_WINDOW_MINUTES.map((m) => now.getTime() - m * MINUTE) as [number, number];
  return mapped(data, (ms) => youtubeTime(span === 0 ? newest : oldest + ((ms - first) / span) * (newest - oldest)));
}
