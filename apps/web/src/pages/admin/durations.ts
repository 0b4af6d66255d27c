/** SLA targets are integer seconds in the API; people think in minutes, hours and days. */
export const DURATION_UNITS = ['minutes', 'hours', 'days'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export const UNIT_SECONDS: Record<DurationUnit, number> = { minutes: 60, hours: 3600, days: 86_400 };

export interface DurationInput {
  /** As typed in a number field: '' means "no target". */
  amount: string;
  unit: DurationUnit;
}

/** The largest unit that shows the seconds as a whole number (90 min stays minutes, 7200 s is 2 hours). */
export function splitSeconds(seconds: number | null | undefined, fallback: DurationUnit = 'minutes'): DurationInput {
  if (seconds === null || seconds === undefined) return { amount: '', unit: fallback };
  for (const unit of [...DURATION_UNITS].reverse()) {
    if (seconds % UNIT_SECONDS[unit] === 0) return { amount: String(seconds / UNIT_SECONDS[unit]), unit };
  }
  // Not a whole number of minutes (set through the API): shown in minutes with a decimal part.
  return { amount: String(Math.round((seconds / 60) * 100) / 100), unit: 'minutes' };
}

/**
 * Seconds for the API: '' is null (no target); anything else is rounded to whole seconds. Text that is not a
 * number is passed on unchanged so the server names the problem in its own words.
 */
export function toSeconds(input: DurationInput): number | null | string {
  const text = input.amount.trim().replace(',', '.');
  if (text === '') return null;
  const amount = Number(text);
  if (!Number.isFinite(amount)) return input.amount;
  return Math.round(amount * UNIT_SECONDS[input.unit]);
}
