/** Day 1 is Monday. `to` of `24:00` ends the day; an interval whose `to` is not after its `from` runs past midnight. */
export interface WeeklyInterval {
  day: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  from: string;
  to: string;
}

/** A working-hours calendar: weekly intervals in a time zone, minus holidays (`YYYY-MM-DD`, local dates). */
export interface BusinessHours {
  id: string;
  name: string;
  timezone: string;
  weekly: WeeklyInterval[];
  holidays: string[];
}
