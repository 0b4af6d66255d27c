import fc from 'fast-check';
import type { WeeklyInterval } from './business-hours';
import { addBusinessSeconds, businessSecondsBetween, openIntervals, type Calendar } from './business-time';
import { MinuteWalk } from './business-time.testing';
import { isOpenAt } from './open-hours';

/**
 * business-time.ts against the minute-by-minute walk over isOpenAt (business-time.testing.ts), on random calendars
 * (split, overnight, 24:00 and overlapping intervals, holidays) in zones with and without daylight saving, in
 * three-day windows around the 2026 changes, where the walk stays cheap.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const WINDOW_MINUTES = 3 * 24 * 60;
/** Instants next to which the windows lie: the 2026 changes, and an ordinary day for zones without any. */
const ANCHORS: Array<{ zone: string; at: string }> = [
  { zone: 'Europe/Rome', at: '2026-03-29T01:00:00Z' },
  { zone: 'Europe/Rome', at: '2026-10-25T01:00:00Z' },
  { zone: 'America/New_York', at: '2026-03-08T07:00:00Z' },
  { zone: 'America/New_York', at: '2026-11-01T06:00:00Z' },
  { zone: 'Australia/Lord_Howe', at: '2026-04-04T15:00:00Z' }, // 02:00 (+11) becomes 01:30 (+10:30)
  { zone: 'Australia/Lord_Howe', at: '2026-10-03T15:30:00Z' }, // 02:00 (+10:30) becomes 02:30 (+11)
  { zone: 'Asia/Kolkata', at: '2026-03-29T01:00:00Z' },
  { zone: 'UTC', at: '2026-10-25T01:00:00Z' },
];

interface Scenario {
  cal: NonNullable<Calendar>;
  /** Whole UTC minute where the window starts; the change lies 1 to 2 days in. */
  start: number;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
/** Any minute, often one where clocks change (01:00–04:00) or a round one. */
const clock = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 1439 }), weight: 2 }, { arbitrary: fc.constantFrom(0, 60, 90, 120, 150, 180, 240, 720, 1320), weight: 1 });
/** An interval on one of `days` (those the window shows, so that most intervals matter). */
const interval = (days: number[]): fc.Arbitrary<WeeklyInterval> =>
  fc
    .record({ day: fc.constantFrom(...days), from: clock, to: fc.oneof(clock, fc.constant(1440)) })
    .map(({ day, from, to }) => ({ day: day as WeeklyInterval['day'], from: hhmm(from), to: hhmm(to) }));
/** 1 (Monday) to 7 (Sunday) of a `YYYY-MM-DD`. */
const weekday = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

const scenario = (minIntervals: number): fc.Arbitrary<Scenario> =>
  fc.constantFrom(...ANCHORS).chain(({ zone, at }) => {
    const anchor = Date.parse(at);
    const nearbyDates = Array.from({ length: 7 }, (_, i) => new Date(anchor + (i - 3) * DAY).toISOString().slice(0, 10));
    const days = [...new Set(nearbyDates.slice(1, 6).map(weekday))];
    return fc.record({
      cal: fc.record({ timezone: fc.constant(zone), weekly: fc.array(interval(days), { minLength: minIntervals, maxLength: 8 }), holidays: fc.subarray(nearbyDates) }),
      start: fc.integer({ min: -720, max: 720 }).map((minutes) => anchor - 1.5 * DAY + minutes * MINUTE),
    });
  });

/** A window minute, twice over, in order. */
const minutePair = fc.tuple(fc.integer({ min: 0, max: WINDOW_MINUTES }), fc.integer({ min: 0, max: WINDOW_MINUTES })).map(([x, y]) => [Math.min(x, y), Math.max(x, y)] as const);
/** An instant in the window, to the millisecond. */
const offsetMs = fc.integer({ min: 0, max: WINDOW_MINUTES * MINUTE });
/** Up to three days of business time, to the millisecond. */
const seconds = fc.integer({ min: 0, max: 3 * DAY }).map((ms) => ms / 1000);

const walks = new WeakMap<Scenario, MinuteWalk>();
const walkOf = (s: Scenario) => {
  let walk = walks.get(s);
  if (!walk) walks.set(s, (walk = new MinuteWalk(s.cal, s.start, WINDOW_MINUTES)));
  return walk;
};
const date = (ms: number) => new Date(ms);
const ms = (seconds: number) => Math.round(seconds * 1000);

describe('business time agrees with the minute walk over isOpenAt', () => {
  it('openIntervals over a window are exactly the runs of open minutes', () => {
    fc.assert(
      fc.property(scenario(0), (s) => {
        const got = openIntervals(s.cal, date(s.start), date(s.start + WINDOW_MINUTES * MINUTE)).map(({ start, end }) => [start.getTime(), end.getTime()]);
        expect(got).toEqual(walkOf(s).runs());
      }),
      { numRuns: 60 },
    );
  });

  it('businessSecondsBetween on whole minutes counts the open minutes', () => {
    fc.assert(
      fc.property(scenario(0), fc.array(minutePair, { minLength: 1, maxLength: 10 }), (s, pairs) => {
        const walk = walkOf(s);
        for (const [a, b] of pairs) {
          expect(businessSecondsBetween(s.cal, date(s.start + a * MINUTE), date(s.start + b * MINUTE))).toBe(60 * walk.minutesBetween(a, b));
        }
      }),
      { numRuns: 50 },
    );
  });

  it('addBusinessSeconds of n minutes ends where the walk counts its n-th open minute', () => {
    // n is random, or the count up to a random minute b, so that the answer often falls on a closing time.
    const amount = fc.oneof(fc.record({ n: fc.integer({ min: 0, max: 1500 }) }), fc.record({ b: fc.integer({ min: 0, max: WINDOW_MINUTES }) }));
    fc.assert(
      fc.property(scenario(1), fc.array(fc.tuple(fc.integer({ min: 0, max: WINDOW_MINUTES - 1 }), amount), { minLength: 1, maxLength: 10 }), (s, cases) => {
        const walk = walkOf(s);
        for (const [a, how] of cases) {
          const n = 'n' in how ? how.n : walk.minutesBetween(a, Math.max(a, how.b));
          const got = addBusinessSeconds(s.cal, date(s.start + a * MINUTE), n * 60).getTime();
          const expected = walk.addMinutes(a, n);
          if (expected === null) expect(got).toBeGreaterThan(s.start + WINDOW_MINUTES * MINUTE);
          else expect(got).toBe(expected);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('isOpenAt at any millisecond says whether it lies in an open interval', () => {
    fc.assert(
      fc.property(scenario(0), fc.array(offsetMs, { minLength: 1, maxLength: 20 }), (s, offsets) => {
        const intervals = openIntervals(s.cal, date(s.start), date(s.start + WINDOW_MINUTES * MINUTE));
        for (const offset of offsets) {
          const t = s.start + offset;
          if (t >= s.start + WINDOW_MINUTES * MINUTE) continue;
          const inside = intervals.some(({ start, end }) => start.getTime() <= t && t < end.getTime());
          expect(inside).toBe(isOpenAt(s.cal, date(t)));
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('business time, algebraic properties', () => {
  it('round trip: businessSecondsBetween(a, addBusinessSeconds(a, s)) === s, and no earlier instant has s', () => {
    fc.assert(
      fc.property(scenario(1), offsetMs, seconds, (s, offset, secs) => {
        const from = date(s.start + offset);
        const due = addBusinessSeconds(s.cal, from, secs);
        expect(businessSecondsBetween(s.cal, from, due)).toBe(secs);
        if (secs > 0) {
          expect(businessSecondsBetween(s.cal, from, date(due.getTime() - 1))).toBeLessThan(secs);
          expect(isOpenAt(s.cal, date(due.getTime() - 1))).toBe(true); // it falls in open time or at its end
        } else expect(due.getTime()).toBe(from.getTime());
      }),
      { numRuns: 150 },
    );
  });

  it('addBusinessSeconds is monotonic in the start and the amount', () => {
    fc.assert(
      fc.property(scenario(1), offsetMs, offsetMs, seconds, seconds, (s, o1, o2, x, y) => {
        const [early, late] = [Math.min(o1, o2), Math.max(o1, o2)].map((o) => date(s.start + o)) as [Date, Date];
        const [less, more] = [Math.min(x, y), Math.max(x, y)];
        expect(addBusinessSeconds(s.cal, early, less).getTime()).toBeLessThanOrEqual(addBusinessSeconds(s.cal, early, more).getTime());
        expect(addBusinessSeconds(s.cal, early, more).getTime()).toBeLessThanOrEqual(addBusinessSeconds(s.cal, late, more).getTime());
      }),
      { numRuns: 100 },
    );
  });

  it('businessSecondsBetween adds up over consecutive ranges, grows with the end, and never exceeds wall time', () => {
    fc.assert(
      fc.property(scenario(0), fc.array(offsetMs, { minLength: 3, maxLength: 3 }), (s, offsets) => {
        const [a, b, c] = [...offsets].sort((x, y) => x - y).map((o) => date(s.start + o)) as [Date, Date, Date];
        const ab = businessSecondsBetween(s.cal, a, b);
        const bc = businessSecondsBetween(s.cal, b, c);
        const ac = businessSecondsBetween(s.cal, a, c);
        expect(ms(ab) + ms(bc)).toBe(ms(ac));
        expect(ab).toBeLessThanOrEqual(ac);
        expect(ac).toBeLessThanOrEqual((c.getTime() - a.getTime()) / 1000);
        expect(businessSecondsBetween(s.cal, c, a)).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it('a null calendar is wall-clock time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), seconds, (t, secs) => {
        const due = addBusinessSeconds(null, date(t), secs);
        expect(due.getTime()).toBe(t + ms(secs));
        expect(businessSecondsBetween(null, date(t), due)).toBe(secs);
      }),
    );
  });
});
