import type { WeeklyInterval } from './business-hours';
import { addBusinessSeconds, businessSecondsBetween, openIntervals, type Calendar } from './business-time';

type Day = WeeklyInterval['day'];
const calendar = (weekly: WeeklyInterval[], holidays: string[] = [], timezone = 'Europe/Rome'): NonNullable<Calendar> => ({ timezone, weekly, holidays });
const days = (list: readonly Day[], from: string, to: string): WeeklyInterval[] => list.map((day) => ({ day, from, to }));
const WEEKDAYS = [1, 2, 3, 4, 5] as const;
const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7] as const;
const at = (iso: string) => new Date(iso);
const add = (cal: Calendar, from: string, seconds: number) => addBusinessSeconds(cal, at(from), seconds).toISOString();
const between = (cal: Calendar, a: string, b: string) => businessSecondsBetween(cal, at(a), at(b));
const open = (cal: NonNullable<Calendar>, from: string, until: string) =>
  openIntervals(cal, at(from), at(until)).map(({ start, end }) => [start.toISOString(), end.toISOString()]);
const HOUR = 3600;

describe('business time, Europe/Rome office Mon–Fri 09:00–18:00', () => {
  const office = calendar(days(WEEKDAYS, '09:00', '18:00'));

  it('a message on Friday 2026-11-20 18:30 with a 30-minute target is due Monday 09:30 (Rome is UTC+1)', () => {
    expect(add(office, '2026-11-20T17:30:00Z', 30 * 60)).toBe('2026-11-23T08:30:00.000Z');
    expect(between(office, '2026-11-20T17:30:00Z', '2026-11-23T08:30:00Z')).toBe(30 * 60);
  });

  it('counts from the next opening for a message outside business hours (Saturday, before 09:00)', () => {
    expect(add(office, '2026-11-21T10:00:00Z', HOUR)).toBe('2026-11-23T09:00:00.000Z'); // Saturday → Monday 10:00
    expect(add(office, '2026-11-24T05:00:00Z', 1)).toBe('2026-11-24T08:00:01.000Z'); // Tuesday 06:00 → 09:00:01
    expect(between(office, '2026-11-21T00:00:00Z', '2026-11-23T00:00:00Z')).toBe(0);
  });

  it('runs straight on from a message inside business hours, and ends at the closing itself when the time runs out there', () => {
    expect(add(office, '2026-11-24T09:00:00Z', 3 * HOUR)).toBe('2026-11-24T12:00:00.000Z'); // Tuesday 10:00 → 13:00
    expect(add(office, '2026-11-20T16:30:00Z', 30 * 60)).toBe('2026-11-20T17:00:00.000Z'); // Friday 17:30 → 18:00, not Monday
    expect(add(office, '2026-11-20T16:30:00Z', 30 * 60 + 1)).toBe('2026-11-23T08:00:01.000Z');
  });

  it('adds nothing for 0 seconds, open or closed', () => {
    expect(add(office, '2026-11-21T10:00:00.123Z', 0)).toBe('2026-11-21T10:00:00.123Z');
    expect(add(office, '2026-11-24T09:00:00Z', 0)).toBe('2026-11-24T09:00:00.000Z');
  });

  it('works in milliseconds: fractional seconds in and out', () => {
    expect(between(office, '2026-11-24T08:00:00.250Z', '2026-11-24T08:00:01Z')).toBe(0.75);
    expect(between(office, '2026-11-24T07:59:59.500Z', '2026-11-24T08:00:00.001Z')).toBe(0.001);
    expect(add(office, '2026-11-24T07:00:00Z', 1.5)).toBe('2026-11-24T08:00:01.500Z');
    expect(add(office, '2026-11-24T07:00:00Z', 0.0001)).toBe('2026-11-24T08:00:00.001Z'); // rounded up to the ms
    expect(between(office, '2026-11-24T12:00:00Z', '2026-11-24T11:00:00Z')).toBe(0); // b before a
  });

  it('lists the open intervals, cut at the ends of the range', () => {
    expect(open(office, '2026-11-20T12:00:00Z', '2026-11-24T00:00:00Z')).toEqual([
      ['2026-11-20T12:00:00.000Z', '2026-11-20T17:00:00.000Z'],
      ['2026-11-23T08:00:00.000Z', '2026-11-23T17:00:00.000Z'],
    ]);
    expect(open(office, '2026-11-21T00:00:00Z', '2026-11-22T00:00:00Z')).toEqual([]);
  });

  it('adds 30 business days (270 hours) in a few milliseconds, across the spring change', () => {
    const started = performance.now();
    // Monday 2026-03-02 09:00 CET: 30 working days later is Friday 2026-04-10 18:00 CEST (Rome on summer time since 29 March).
    expect(add(office, '2026-03-02T08:00:00Z', 270 * HOUR)).toBe('2026-04-10T16:00:00.000Z');
    expect(between(office, '2026-03-02T08:00:00Z', '2026-04-10T16:00:00Z')).toBe(270 * HOUR);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('business time over the daylight saving weekends', () => {
  const office = calendar(days(WEEKDAYS, '09:00', '18:00'));

  it('Rome, spring forward (Sunday 2026-03-29): office hours keep their wall-clock times on both sides', () => {
    // Friday 18:30 CET = 17:30Z; Monday 09:30 CEST = 07:30Z
    expect(add(office, '2026-03-27T17:30:00Z', 30 * 60)).toBe('2026-03-30T07:30:00.000Z');
    // Friday 17:00 CET + 2 h: one hour on Friday, one on Monday (10:00 CEST)
    expect(add(office, '2026-03-27T16:00:00Z', 2 * HOUR)).toBe('2026-03-30T08:00:00.000Z');
    // Friday 09:00 CET to Monday 18:00 CEST: two full days
    expect(between(office, '2026-03-27T08:00:00Z', '2026-03-30T16:00:00Z')).toBe(18 * HOUR);
  });

  it('Rome, fall back (Sunday 2026-10-25): likewise', () => {
    // Friday 18:30 CEST = 16:30Z; Monday 09:30 CET = 08:30Z
    expect(add(office, '2026-10-23T16:30:00Z', 30 * 60)).toBe('2026-10-26T08:30:00.000Z');
    expect(between(office, '2026-10-23T07:00:00Z', '2026-10-26T17:00:00Z')).toBe(18 * HOUR);
  });

  it('Rome: 01:00–04:00 lasts 2 real hours on the spring-forward Sunday and 4 on the fall-back one', () => {
    const sundayNight = calendar([{ day: 7, from: '01:00', to: '04:00' }]);
    expect(between(sundayNight, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z')).toBe(2 * HOUR);
    expect(open(sundayNight, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z')).toEqual([['2026-03-29T00:00:00.000Z', '2026-03-29T02:00:00.000Z']]);
    // 01:30 CET + 1 h: half an hour to 02:00 CET, which becomes 03:00 CEST, then half an hour more
    expect(add(sundayNight, '2026-03-29T00:30:00Z', HOUR)).toBe('2026-03-29T01:30:00.000Z');
    expect(between(sundayNight, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z')).toBe(4 * HOUR);
    expect(open(sundayNight, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z')).toEqual([['2026-10-24T23:00:00.000Z', '2026-10-25T03:00:00.000Z']]);
    expect(add(sundayNight, '2026-10-24T23:00:00Z', 3.5 * HOUR)).toBe('2026-10-25T02:30:00.000Z');
  });

  it('Rome: a wall-clock hour that happens twice is open both times; one that never happens is never open', () => {
    const repeated = calendar([{ day: 7, from: '02:00', to: '02:30' }]);
    expect(open(repeated, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z')).toEqual([
      ['2026-10-25T00:00:00.000Z', '2026-10-25T00:30:00.000Z'], // 02:00–02:30 CEST
      ['2026-10-25T01:00:00.000Z', '2026-10-25T01:30:00.000Z'], // 02:00–02:30 CET
    ]);
    expect(between(repeated, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z')).toBe(0);
    // The next opening after the skipped half hour is the following Sunday's 02:00 CEST
    expect(add(repeated, '2026-03-28T00:00:00Z', 60)).toBe('2026-04-05T00:01:00.000Z');
  });

  it('Rome: a Saturday night shift to 03:00 ends at 02:00 CET, when the clock jumps to 03:00', () => {
    const saturdayNight = calendar([{ day: 6, from: '22:00', to: '03:00' }]);
    expect(open(saturdayNight, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z')).toEqual([['2026-03-28T21:00:00.000Z', '2026-03-29T01:00:00.000Z']]);
  });

  it('America/New_York, spring forward (Sunday 2026-03-08) and fall back (Sunday 2026-11-01)', () => {
    const ny = calendar(days(WEEKDAYS, '09:00', '17:00'), [], 'America/New_York');
    // Friday 16:30 EST = 21:30Z + 1 h → Monday 09:30 EDT = 13:30Z
    expect(add(ny, '2026-03-06T21:30:00Z', HOUR)).toBe('2026-03-09T13:30:00.000Z');
    // Friday 16:30 EDT = 20:30Z + 1 h → Monday 09:30 EST = 14:30Z
    expect(add(ny, '2026-10-30T20:30:00Z', HOUR)).toBe('2026-11-02T14:30:00.000Z');
    expect(between(ny, '2026-10-30T13:00:00Z', '2026-11-02T22:00:00Z')).toBe(16 * HOUR);
    // A Saturday night shift 22:00–06:00 lasts 7 real hours into spring forward, 9 into fall back
    const night = calendar([{ day: 6, from: '22:00', to: '06:00' }], [], 'America/New_York');
    expect(open(night, '2026-03-07T00:00:00Z', '2026-03-09T00:00:00Z')).toEqual([['2026-03-08T03:00:00.000Z', '2026-03-08T10:00:00.000Z']]);
    expect(open(night, '2026-10-31T00:00:00Z', '2026-11-02T00:00:00Z')).toEqual([['2026-11-01T02:00:00.000Z', '2026-11-01T11:00:00.000Z']]);
  });

  it('Australia/Lord_Howe moves its clock by half an hour (01:00–03:00 lasts 1.5 h on 2026-10-04, 2.5 h on 2026-04-05)', () => {
    const lordHowe = calendar([{ day: 7, from: '01:00', to: '03:00' }], [], 'Australia/Lord_Howe');
    expect(between(lordHowe, '2026-10-03T00:00:00Z', '2026-10-05T00:00:00Z')).toBe(1.5 * HOUR);
    expect(between(lordHowe, '2026-04-04T00:00:00Z', '2026-04-06T00:00:00Z')).toBe(2.5 * HOUR);
    // Sunday 2026-04-05 01:00 +11 = 14:00Z (Saturday); 03:00 +10:30 = 16:30Z
    expect(open(lordHowe, '2026-04-04T00:00:00Z', '2026-04-06T00:00:00Z')).toEqual([['2026-04-04T14:00:00.000Z', '2026-04-04T16:30:00.000Z']]);
  });

  it('a round-the-clock calendar counts real time across the change: 30 days from 2026-03-15 00:00 CET is 2026-04-14 01:00 CEST', () => {
    const always = calendar(days(EVERY_DAY, '00:00', '24:00'));
    expect(add(always, '2026-03-14T23:00:00Z', 30 * 24 * HOUR)).toBe('2026-04-13T23:00:00.000Z');
    expect(open(always, '2026-03-14T23:00:00Z', '2026-04-13T23:00:00Z')).toEqual([['2026-03-14T23:00:00.000Z', '2026-04-13T23:00:00.000Z']]);
  });
});

describe('business time, shapes of calendars', () => {
  it('split shift 09:00–13:00 + 14:00–18:00: the lunch break does not count', () => {
    const split = calendar([...days(WEEKDAYS, '09:00', '13:00'), ...days(WEEKDAYS, '14:00', '18:00')]);
    // Tuesday 2026-01-13, Rome = UTC+1: 12:30 + 1 h → 14:30
    expect(add(split, '2026-01-13T11:30:00Z', HOUR)).toBe('2026-01-13T13:30:00.000Z');
    expect(add(split, '2026-01-13T12:00:00Z', 60)).toBe('2026-01-13T13:01:00.000Z'); // 13:00, at lunch → 14:01
    expect(between(split, '2026-01-13T07:00:00Z', '2026-01-13T18:00:00Z')).toBe(8 * HOUR);
    expect(open(split, '2026-01-13T00:00:00Z', '2026-01-14T00:00:00Z')).toEqual([
      ['2026-01-13T08:00:00.000Z', '2026-01-13T12:00:00.000Z'],
      ['2026-01-13T13:00:00.000Z', '2026-01-13T17:00:00.000Z'],
    ]);
  });

  it('overnight shift 22:00–06:00 runs into the next day, Sunday into Monday too', () => {
    const nights = calendar([...days(WEEKDAYS, '22:00', '06:00'), { day: 7, from: '20:00', to: '02:00' }]);
    // Monday 2026-01-12 21:00 + 2 h → Tuesday 00:00 local = Monday 23:00Z
    expect(add(nights, '2026-01-12T20:00:00Z', 2 * HOUR)).toBe('2026-01-12T23:00:00.000Z');
    // Saturday 2026-01-17 05:00 + 2 h: Friday's shift ends at 06:00; none starts on Saturday; Sunday 20:00 → 21:00
    expect(add(nights, '2026-01-17T04:00:00Z', 2 * HOUR)).toBe('2026-01-18T20:00:00.000Z');
    expect(open(nights, '2026-01-18T12:00:00Z', '2026-01-19T12:00:00Z')).toEqual([['2026-01-18T19:00:00.000Z', '2026-01-19T01:00:00.000Z']]);
    // Monday 01:00 to the next Monday 01:00 local: the end of the Sunday-before shift (1 h), five nights, Sunday 20:00–01:00 (5 h)
    expect(between(nights, '2026-01-12T00:00:00Z', '2026-01-19T00:00:00Z')).toBe((1 + 5 * 8 + 5) * HOUR);
  });

  it('24:00 ends the day, and intervals that touch across midnight make one open interval', () => {
    const cal = calendar([
      { day: 3, from: '14:00', to: '24:00' },
      { day: 4, from: '00:00', to: '02:00' },
      { day: 1, from: '22:00', to: '06:00' },
      { day: 2, from: '06:00', to: '10:00' },
    ]);
    // Wednesday 2026-01-14 14:00 local to Thursday 02:00 local
    expect(open(cal, '2026-01-14T00:00:00Z', '2026-01-16T00:00:00Z')).toEqual([['2026-01-14T13:00:00.000Z', '2026-01-15T01:00:00.000Z']]);
    expect(add(cal, '2026-01-14T22:30:00Z', HOUR)).toBe('2026-01-14T23:30:00.000Z'); // Wednesday 23:30 → Thursday 00:30
    // Monday 22:00 to Tuesday 10:00 local
    expect(open(cal, '2026-01-12T00:00:00Z', '2026-01-14T00:00:00Z')).toEqual([['2026-01-12T21:00:00.000Z', '2026-01-13T09:00:00.000Z']]);
  });

  it("a holiday keeps the day's own intervals shut, while the shift started the evening before runs on", () => {
    const cal = calendar([...days(WEEKDAYS, '09:00', '18:00'), { day: 4, from: '22:00', to: '04:00' }, { day: 5, from: '22:00', to: '04:00' }], ['2026-01-16']);
    // Friday 2026-01-16 is a holiday. Thursday 23:00 + 4 h: Thursday's night shift runs to Friday 03:00 local
    expect(add(cal, '2026-01-15T22:00:00Z', 4 * HOUR)).toBe('2026-01-16T02:00:00.000Z');
    // Friday 03:00 + 2 h: an hour to 04:00, then nothing until Monday 09:00 (Friday's day and night shifts do not start)
    expect(add(cal, '2026-01-16T02:00:00Z', 2 * HOUR)).toBe('2026-01-19T09:00:00.000Z');
    expect(between(cal, '2026-01-15T23:00:00Z', '2026-01-17T11:00:00Z')).toBe(4 * HOUR);
    expect(open(cal, '2026-01-15T23:00:00Z', '2026-01-17T11:00:00Z')).toEqual([['2026-01-15T23:00:00.000Z', '2026-01-16T03:00:00.000Z']]);
  });

  it('holidays are local dates: Asia/Kolkata (UTC+05:30) and America/New_York', () => {
    const kolkata = calendar(days(WEEKDAYS, '09:00', '18:00'), ['2026-01-14'], 'Asia/Kolkata');
    // Tuesday 2026-01-13 17:30 IST = 12:00Z + 1 h: half an hour Tuesday, Wednesday off, Thursday 09:30 IST = 04:00Z
    expect(add(kolkata, '2026-01-13T12:00:00Z', HOUR)).toBe('2026-01-15T04:00:00.000Z');
    const ny = calendar(days(WEEKDAYS, '00:00', '24:00'), ['2026-01-14'], 'America/New_York');
    expect(open(ny, '2026-01-14T00:00:00Z', '2026-01-16T00:00:00Z')).toEqual([['2026-01-14T00:00:00.000Z', '2026-01-14T05:00:00.000Z'], ['2026-01-15T05:00:00.000Z', '2026-01-16T00:00:00.000Z']]);
  });

  it('null is wall-clock time', () => {
    expect(add(null, '2026-11-20T17:30:00Z', 30 * 60)).toBe('2026-11-20T18:00:00.000Z');
    expect(between(null, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z')).toBe(48 * HOUR);
  });
});

describe('business time, calendars that never open and bad input', () => {
  it('a calendar without intervals: no time ever elapses, adding throws RangeError at once', () => {
    const never = calendar([]);
    expect(between(never, '2026-01-01T00:00:00Z', '2030-01-01T00:00:00Z')).toBe(0);
    expect(open(never, '2026-01-01T00:00:00Z', '2030-01-01T00:00:00Z')).toEqual([]);
    expect(() => add(never, '2026-01-01T00:00:00Z', 1)).toThrow(RangeError);
    expect(add(never, '2026-01-01T00:00:00Z', 0)).toBe('2026-01-01T00:00:00.000Z');
  });

  it('adding throws RangeError after about two years of holidays, quickly; a shorter closure is waited out', () => {
    const dates = (first: string, count: number) => Array.from({ length: count }, (_, i) => new Date(Date.parse(first) + i * 86_400_000).toISOString().slice(0, 10));
    const closed = calendar(days(EVERY_DAY, '09:00', '18:00'), dates('2026-01-01', 800));
    const started = performance.now();
    expect(() => add(closed, '2026-01-01T00:00:00Z', 60)).toThrow(RangeError);
    expect(performance.now() - started).toBeLessThan(1000);
    const longClosure = calendar(days(EVERY_DAY, '09:00', '18:00'), dates('2026-01-01', 400));
    // 2026-01-01 + 400 days = 2027-02-05, 09:00 CET
    expect(add(longClosure, '2026-01-01T00:00:00Z', 60)).toBe('2027-02-05T08:01:00.000Z');
    expect(between(closed, '2026-01-01T00:00:00Z', '2028-01-01T00:00:00Z')).toBe(0);
  });

  it('throws RangeError for negative or non-finite seconds, invalid dates, an unknown zone, a malformed time', () => {
    const office = calendar(days(WEEKDAYS, '09:00', '18:00'));
    expect(() => add(office, '2026-01-13T10:00:00Z', -1)).toThrow(RangeError);
    expect(() => add(office, '2026-01-13T10:00:00Z', Number.NaN)).toThrow(RangeError);
    expect(() => add(office, '2026-01-13T10:00:00Z', Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => addBusinessSeconds(office, new Date(Number.NaN), 60)).toThrow(RangeError);
    expect(() => businessSecondsBetween(office, at('2026-01-13T10:00:00Z'), new Date('nope'))).toThrow(RangeError);
    expect(() => between(calendar(days(WEEKDAYS, '09:00', '18:00'), [], 'Mars/Olympus'), '2026-01-13T00:00:00Z', '2026-01-14T00:00:00Z')).toThrow(RangeError);
    expect(() => between(calendar([{ day: 1, from: '9am', to: '18:00' }]), '2026-01-13T00:00:00Z', '2026-01-14T00:00:00Z')).toThrow(RangeError);
    expect(() => between(calendar([{ day: 1, from: '09:00', to: '24:30' }]), '2026-01-13T00:00:00Z', '2026-01-14T00:00:00Z')).toThrow(RangeError);
  });
});
