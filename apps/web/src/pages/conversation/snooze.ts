/** The snooze menu's quick choices, computed in the browser's own time zone. */
export type SnoozePreset = 'hour' | 'threeHours' | 'tomorrow' | 'nextWeek';

const MORNING = 9;

/** When each preset ends, from `now`: in 1 and 3 hours, tomorrow at 09:00, next Monday at 09:00. */
export function snoozePresets(now: Date): Array<{ preset: SnoozePreset; until: Date }> {
  const tomorrow = new Date(now);
  tomorrow.setDate(now.getDate() + 1);
  tomorrow.setHours(MORNING, 0, 0, 0);
  const monday = new Date(now);
  // getDay: 0 Sunday … 6 Saturday; the next Monday strictly after today.
  const ahead = ((8 - now.getDay()) % 7) || 7;
  monday.setDate(now.getDate() + ahead);
  monday.setHours(MORNING, 0, 0, 0);
  return [
    { preset: 'hour', until: new Date(now.getTime() + 3_600_000) },
    { preset: 'threeHours', until: new Date(now.getTime() + 3 * 3_600_000) },
    { preset: 'tomorrow', until: tomorrow },
    { preset: 'nextWeek', until: monday },
  ];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A date as `<input type="datetime-local">` wants it: local `YYYY-MM-DDTHH:MM`. */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The instant a datetime-local value names, or null when it is empty, malformed or not in the future. */
export function parseSnoozeInput(value: string, now: Date): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, 0, 0);
  // new Date rolls 31 February into March: such a value is refused rather than silently moved.
  if (date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return date.getTime() > now.getTime() ? date : null;
}
