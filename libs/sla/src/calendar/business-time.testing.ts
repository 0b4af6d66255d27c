import type { Calendar } from './business-time';
import { isOpenAt } from './open-hours';

const MINUTE = 60_000;

/**
 * The slow, obviously right reading of business time that the property tests hold business-time.ts to: ask isOpenAt
 * about every minute of a window. With whole-minute zone offsets (every zone today) the calendar opens and closes only
 * on whole UTC minutes, so the minute's first instant speaks for all of it.
 */
export class MinuteWalk {
  /** open[i]: whether minute i of the window, [start + i min, start + (i+1) min), is business time. */
  private readonly open: boolean[];

  constructor(
    private readonly cal: NonNullable<Calendar>,
    /** Whole UTC minute. */
    readonly start: number,
    readonly minutes: number,
  ) {
    if (start % MINUTE !== 0) throw new RangeError('MinuteWalk: start must be a whole minute');
    this.open = Array.from({ length: minutes }, (_, i) => isOpenAt(cal, new Date(start + i * MINUTE)));
  }

  isOpen(minute: number): boolean {
    return this.open[minute]!;
  }

  /** Business minutes in window minutes [a, b). */
  minutesBetween(a: number, b: number): number {
    let count = 0;
    for (let i = a; i < b; i++) if (this.open[i]) count++;
    return count;
  }

  /** The end (epoch ms) of the n-th business minute from window minute `a` on (a itself for 0), or null when past the window. */
  addMinutes(a: number, n: number): number | null {
    if (n === 0) return this.start + a * MINUTE;
    let left = n;
    for (let i = a; i < this.minutes; i++) {
      if (this.open[i] && --left === 0) return this.start + (i + 1) * MINUTE;
    }
    return null;
  }

  /** The runs of open minutes as [start, end) epoch ms: what openIntervals over the window must return. */
  runs(): Array<[number, number]> {
    const runs: Array<[number, number]> = [];
    for (let i = 0; i < this.minutes; i++) {
      if (!this.open[i]) continue;
      const at = this.start + i * MINUTE;
      const last = runs[runs.length - 1];
      if (last && last[1] === at) last[1] = at + MINUTE;
      else runs.push([at, at + MINUTE]);
    }
    return runs;
  }
}
