// Axis arithmetic for the hand-made SVG charts: round tick values a person reads at a glance.

/** Ticks from 0 in steps of 1, 2 or 5 × 10^k, the last at or above `max`; at most `maxTicks` steps. */
export function niceTicks(max: number, maxTicks = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / maxTicks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  // Integer steps for counts: a step of 0.5 conversations reads oddly.
  const whole = Math.max(1, step);
  return ticksOf(whole, max);
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
/** Steps that fall on clock units: 15 s, 5 min, 2 h, 1 day... */
const DURATION_STEPS = [1, 2, 5, 10, 15, 30, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY];

/** Ticks for seconds, in steps that are whole clock units; at most `maxTicks` steps. */
export function durationTicks(maxSeconds: number, maxTicks = 4): number[] {
  if (!(maxSeconds > 0)) return [0, MINUTE];
  const step = DURATION_STEPS.find((s) => Math.ceil(maxSeconds / s) <= maxTicks) ?? Math.ceil(maxSeconds / maxTicks / (7 * DAY)) * 7 * DAY;
  return ticksOf(step, maxSeconds);
}

function ticksOf(step: number, max: number): number[] {
  const ticks = [0];
  while (ticks[ticks.length - 1]! < max) ticks.push(ticks.length * step);
  return ticks;
}

/** `value` of a domain [0, max] on a length of `length` pixels; 0 for an empty domain. */
export function scale(value: number, max: number, length: number): number {
  return max > 0 ? (Math.min(value, max) / max) * length : 0;
}

/** Label every n-th of `count` points so that at most `maxLabels` labels fit under an axis. */
export function labelStride(count: number, maxLabels: number): number {
  return Math.max(1, Math.ceil(count / Math.max(1, maxLabels)));
}

/** Row labels longer than this are cut (the full name is in the row's tooltip and the table). */
export const LABEL_CHARS = 22;

/** A row label cut to `max` characters, with an ellipsis when cut. */
export function shortLabel(name: string, max = LABEL_CHARS): string {
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}
