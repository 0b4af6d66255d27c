import type { BusinessHours, WeeklyInterval } from './business-hours';
import { isOpenAt } from './open-hours';

const calendar = (weekly: WeeklyInterval[], holidays: string[] = [], timezone = 'Europe/Rome'): BusinessHours => ({ id: 'bh', name: 'test', timezone, weekly, holidays });
const weekdays = (from: string, to: string): WeeklyInterval[] => ([1, 2, 3, 4, 5] as const).map((day) => ({ day, from, to }));
const at = (iso: string) => new Date(iso);

describe('isOpenAt', () => {
  const office = calendar(weekdays('09:00', '18:00'));

  it('reads the wall clock of the time zone (Rome is UTC+1 in winter, UTC+2 in summer)', () => {
    // Tuesday 2026-01-13
    expect(isOpenAt(office, at('2026-01-13T07:59:59Z'))).toBe(false); // 08:59:59 local
    expect(isOpenAt(office, at('2026-01-13T08:00:00Z'))).toBe(true); // 09:00 local
    expect(isOpenAt(office, at('2026-01-13T16:59:59.999Z'))).toBe(true);
    expect(isOpenAt(office, at('2026-01-13T17:00:00Z'))).toBe(false); // 18:00 local: the end is not included
    // Tuesday 2026-07-14: the same wall-clock hours, one UTC hour earlier
    expect(isOpenAt(office, at('2026-07-14T06:59:00Z'))).toBe(false);
    expect(isOpenAt(office, at('2026-07-14T07:00:00Z'))).toBe(true);
    expect(isOpenAt(office, at('2026-07-14T15:59:00Z'))).toBe(true);
    expect(isOpenAt(office, at('2026-07-14T16:00:00Z'))).toBe(false);
  });

  it('is closed on days without intervals, and uses the local day, not the UTC one', () => {
    expect(isOpenAt(office, at('2026-01-17T10:00:00Z'))).toBe(false); // Saturday
    // 23:30 UTC on Sunday 2026-01-18 is 00:30 Monday in Rome; 23:30 UTC on Friday is 00:30 Saturday.
    const nightOwl = calendar([{ day: 1, from: '00:00', to: '01:00' }]);
    expect(isOpenAt(nightOwl, at('2026-01-18T23:30:00Z'))).toBe(true);
    expect(isOpenAt(nightOwl, at('2026-01-19T23:30:00Z'))).toBe(false);
    expect(isOpenAt(calendar([{ day: 1, from: '00:00', to: '01:00' }], [], 'America/New_York'), at('2026-01-19T05:30:00Z'))).toBe(true);
  });

  it('takes several intervals per day, and 24:00 as the end of the day', () => {
    const split = calendar([
      { day: 3, from: '09:00', to: '13:00' },
      { day: 3, from: '14:00', to: '24:00' },
    ]);
    // Wednesday 2026-01-14, Rome = UTC+1
    expect(isOpenAt(split, at('2026-01-14T11:59:00Z'))).toBe(true); // 12:59
    expect(isOpenAt(split, at('2026-01-14T12:30:00Z'))).toBe(false); // 13:30, lunch
    expect(isOpenAt(split, at('2026-01-14T13:00:00Z'))).toBe(true); // 14:00
    expect(isOpenAt(split, at('2026-01-14T22:59:59Z'))).toBe(true); // 23:59:59
    expect(isOpenAt(split, at('2026-01-14T23:00:00Z'))).toBe(false); // Thursday 00:00
  });

  it('runs an interval whose end is not after its start past midnight, into the next day (also from Sunday into Monday)', () => {
    const nights = calendar([
      { day: 5, from: '22:00', to: '06:00' },
      { day: 7, from: '20:00', to: '02:00' },
    ]);
    // Friday 2026-01-16 22:00 local = 21:00Z; Saturday 05:59 local = 04:59Z
    expect(isOpenAt(nights, at('2026-01-16T20:59:00Z'))).toBe(false);
    expect(isOpenAt(nights, at('2026-01-16T21:00:00Z'))).toBe(true);
    expect(isOpenAt(nights, at('2026-01-17T04:59:00Z'))).toBe(true);
    expect(isOpenAt(nights, at('2026-01-17T05:00:00Z'))).toBe(false);
    // Nothing starts on Saturday night
    expect(isOpenAt(nights, at('2026-01-17T22:00:00Z'))).toBe(false);
    // Sunday 20:00 into Monday 02:00
    expect(isOpenAt(nights, at('2026-01-18T19:00:00Z'))).toBe(true);
    expect(isOpenAt(nights, at('2026-01-19T00:59:00Z'))).toBe(true);
    expect(isOpenAt(nights, at('2026-01-19T01:00:00Z'))).toBe(false);
    // Equal times: a full 24 hours from the start
    const allDay = calendar([{ day: 2, from: '08:00', to: '08:00' }]);
    expect(isOpenAt(allDay, at('2026-01-13T07:00:00Z'))).toBe(true); // Tuesday 08:00
    expect(isOpenAt(allDay, at('2026-01-14T06:59:00Z'))).toBe(true); // Wednesday 07:59
    expect(isOpenAt(allDay, at('2026-01-14T07:00:00Z'))).toBe(false);
  });

  it("keeps a holiday's own intervals closed, but lets the previous night's shift run into its morning", () => {
    const hours = calendar([...weekdays('09:00', '18:00'), { day: 4, from: '22:00', to: '04:00' }, { day: 5, from: '22:00', to: '04:00' }], ['2026-01-16']);
    // Friday 2026-01-16 is a holiday
    expect(isOpenAt(hours, at('2026-01-16T10:00:00Z'))).toBe(false);
    // Thursday's night shift runs into the holiday's morning
    expect(isOpenAt(hours, at('2026-01-16T02:00:00Z'))).toBe(true);
    // The holiday's own night shift does not start, nor run into Saturday
    expect(isOpenAt(hours, at('2026-01-16T22:00:00Z'))).toBe(false);
    expect(isOpenAt(hours, at('2026-01-17T01:00:00Z'))).toBe(false);
    // The day after is an ordinary Monday
    expect(isOpenAt(hours, at('2026-01-19T10:00:00Z'))).toBe(true);
  });

  it('holidays are local dates: the holiday starts at local midnight', () => {
    const hours = calendar([{ day: 4, from: '00:00', to: '24:00' }], ['2026-01-15']);
    // Thursday 2026-01-15 00:30 in Rome is still Wednesday 23:30 UTC
    expect(isOpenAt(hours, at('2026-01-14T23:30:00Z'))).toBe(false);
    expect(isOpenAt(calendar([{ day: 4, from: '00:00', to: '24:00' }]), at('2026-01-14T23:30:00Z'))).toBe(true);
  });

  describe('Europe/Rome daylight saving weekends', () => {
    it('spring forward (Sunday 2026-03-29, 02:00 becomes 03:00): the skipped hour does not exist, the rest keeps wall-clock times', () => {
      const sunday = calendar([
        { day: 7, from: '01:00', to: '02:30' },
        { day: 7, from: '03:00', to: '05:00' },
      ]);
      expect(isOpenAt(sunday, at('2026-03-29T00:30:00Z'))).toBe(true); // 01:30 CET
      expect(isOpenAt(sunday, at('2026-03-29T00:59:59Z'))).toBe(true); // 01:59:59 CET
      expect(isOpenAt(sunday, at('2026-03-29T01:00:00Z'))).toBe(true); // 03:00 CEST
      expect(isOpenAt(sunday, at('2026-03-29T02:59:00Z'))).toBe(true); // 04:59 CEST
      expect(isOpenAt(sunday, at('2026-03-29T03:00:00Z'))).toBe(false); // 05:00 CEST
      // The weekday hours move with the clock: Friday 09:00 CET = 08:00Z, Monday 09:00 CEST = 07:00Z
      expect(isOpenAt(office, at('2026-03-27T07:30:00Z'))).toBe(false);
      expect(isOpenAt(office, at('2026-03-27T08:00:00Z'))).toBe(true);
      expect(isOpenAt(office, at('2026-03-30T07:00:00Z'))).toBe(true);
      expect(isOpenAt(office, at('2026-03-30T06:59:00Z'))).toBe(false);
      // A Saturday night shift to 03:00 ends at 02:00 CET, when the clock jumps to 03:00 CEST
      const saturdayNight = calendar([{ day: 6, from: '22:00', to: '03:00' }]);
      expect(isOpenAt(saturdayNight, at('2026-03-29T00:59:00Z'))).toBe(true);
      expect(isOpenAt(saturdayNight, at('2026-03-29T01:00:00Z'))).toBe(false);
    });

    it('fall back (Sunday 2026-10-25, 03:00 becomes 02:00): a repeated hour is open both times', () => {
      const early = calendar([{ day: 7, from: '02:00', to: '03:00' }]);
      expect(isOpenAt(early, at('2026-10-24T23:59:00Z'))).toBe(false); // 01:59 CEST
      expect(isOpenAt(early, at('2026-10-25T00:30:00Z'))).toBe(true); // 02:30 CEST
      expect(isOpenAt(early, at('2026-10-25T01:30:00Z'))).toBe(true); // 02:30 CET, again
      expect(isOpenAt(early, at('2026-10-25T02:00:00Z'))).toBe(false); // 03:00 CET
      // Weekday hours: Friday 09:00 CEST = 07:00Z, Monday 09:00 CET = 08:00Z
      expect(isOpenAt(office, at('2026-10-23T07:00:00Z'))).toBe(true);
      expect(isOpenAt(office, at('2026-10-26T07:30:00Z'))).toBe(false);
      expect(isOpenAt(office, at('2026-10-26T08:00:00Z'))).toBe(true);
    });
  });

  it('throws RangeError for an unknown time zone or a malformed time', () => {
    expect(() => isOpenAt(calendar(weekdays('09:00', '18:00'), [], 'Mars/Olympus'), at('2026-01-13T10:00:00Z'))).toThrow(RangeError);
    expect(() => isOpenAt(calendar([{ day: 1, from: '9am', to: '18:00' }]), at('2026-01-13T10:00:00Z'))).toThrow(RangeError);
    expect(() => isOpenAt(calendar([{ day: 1, from: '09:00', to: '24:30' }]), at('2026-01-13T10:00:00Z'))).toThrow(RangeError);
  });
});
