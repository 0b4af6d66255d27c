import { canonicalTimeZone, checkBusinessHours, clockMinutes, isCalendarDate, weekSpan } from './weekly-hours';

const valid = { name: ' Office ', timezone: 'Europe/Rome', weekly: [{ day: 1, from: '09:00', to: '18:00' }] };
const problemsOf = (input: Record<string, unknown>) => {
  const checked = checkBusinessHours(input);
  return checked.ok ? [] : checked.problems;
};

describe('checkBusinessHours', () => {
  it('accepts a calendar, trims the name, orders the intervals and the holidays without duplicates', () => {
    const checked = checkBusinessHours({
      ...valid,
      timezone: 'europe/rome',
      weekly: [
        { day: 2, from: '14:00', to: '18:00' },
        { day: 1, from: '09:00', to: '18:00' },
        { day: 2, from: '09:00', to: '13:00' },
      ],
      holidays: ['2026-12-25', '2026-01-01', '2026-12-25'],
    });
    expect(checked).toEqual({
      ok: true,
      value: {
        name: 'Office',
        timezone: 'Europe/Rome',
        weekly: [
          { day: 1, from: '09:00', to: '18:00' },
          { day: 2, from: '09:00', to: '13:00' },
          { day: 2, from: '14:00', to: '18:00' },
        ],
        holidays: ['2026-01-01', '2026-12-25'],
      },
    });
  });

  it('takes 24:00 as the end of the day, touching intervals, and overnight intervals', () => {
    expect(problemsOf({ ...valid, weekly: [{ day: 6, from: '00:00', to: '24:00' }, { day: 1, from: '09:00', to: '12:00' }, { day: 1, from: '12:00', to: '13:00' }] })).toEqual([]);
    expect(problemsOf({ ...valid, weekly: [{ day: 5, from: '22:00', to: '02:00' }, { day: 6, from: '02:00', to: '06:00' }] })).toEqual([]);
  });

  it('names every offending field at once', () => {
    expect(
      problemsOf({
        name: '',
        timezone: 'Mars/Olympus',
        weekly: [
          { day: 0, from: '9:00', to: '25:00' },
          { day: 8, from: '24:00', to: '10:00', extra: true },
          { day: 3, from: '10:00', to: '10:00' },
          'Monday',
        ],
        holidays: ['2026-02-30', 'tomorrow', '2026-02-28'],
      }),
    ).toEqual([
      'name must be a text of 1 to 100 characters',
      'timezone must be an IANA time zone such as Europe/Rome (got "Mars/Olympus")',
      'weekly[0].day must be an integer from 1 (Monday) to 7 (Sunday)',
      'weekly[0].from must be a time HH:MM from 00:00 to 23:59',
      'weekly[0].to must be a time HH:MM from 00:00 to 24:00',
      'weekly[1].extra is not allowed',
      'weekly[1].day must be an integer from 1 (Monday) to 7 (Sunday)',
      'weekly[1].from must be a time HH:MM from 00:00 to 23:59',
      'weekly[2].to must differ from from (a whole day is 00:00 to 24:00)',
      'weekly[3] must be an interval {day, from, to}',
      'holidays[0] must be a calendar date YYYY-MM-DD (got "2026-02-30")',
      'holidays[1] must be a calendar date YYYY-MM-DD (got "tomorrow")',
    ]);
    expect(problemsOf({})).toEqual(['name is required', 'timezone is required', 'weekly is required']);
    expect(problemsOf({ ...valid, weekly: [] })).toEqual(['weekly must contain at least one interval']);
  });

  it('refuses overlapping intervals, also when one runs past midnight or past Sunday', () => {
    expect(problemsOf({ ...valid, weekly: [{ day: 2, from: '09:00', to: '12:00' }, { day: 2, from: '11:00', to: '14:00' }] })).toEqual([
      'weekly[1] (Tue 11:00-14:00) overlaps weekly[0] (Tue 09:00-12:00)',
    ]);
    expect(problemsOf({ ...valid, weekly: [{ day: 1, from: '22:00', to: '03:00' }, { day: 2, from: '02:00', to: '05:00' }] })).toEqual([
      'weekly[1] (Tue 02:00-05:00) overlaps weekly[0] (Mon 22:00-03:00)',
    ]);
    expect(problemsOf({ ...valid, weekly: [{ day: 1, from: '00:00', to: '08:00' }, { day: 7, from: '20:00', to: '01:00' }] })).toEqual([
      'weekly[1] (Sun 20:00-01:00) overlaps weekly[0] (Mon 00:00-08:00)',
    ]);
    expect(problemsOf({ ...valid, weekly: [{ day: 4, from: '08:00', to: '20:00' }, { day: 4, from: '09:00', to: '10:00' }, { day: 4, from: '11:00', to: '12:00' }] })).toHaveLength(2);
  });

  it('refuses UTC offsets, which are no IANA zone', () => {
    expect(canonicalTimeZone('+01:00')).toBeNull();
    expect(canonicalTimeZone('UTC')).toBe('UTC');
    expect(canonicalTimeZone('america/new_york')).toBe('America/New_York');
  });
});

describe('calendar pieces', () => {
  it('reads clock times', () => {
    expect(clockMinutes('00:00', false)).toBe(0);
    expect(clockMinutes('23:59', false)).toBe(1439);
    expect(clockMinutes('24:00', false)).toBeNull();
    expect(clockMinutes('24:00', true)).toBe(1440);
    expect(clockMinutes('12:60', true)).toBeNull();
  });

  it('knows real dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
  });

  it('places intervals in the week', () => {
    expect(weekSpan({ day: 1, from: '09:00', to: '17:00' })).toEqual({ start: 540, end: 1020 });
    expect(weekSpan({ day: 7, from: '22:00', to: '02:00' })).toEqual({ start: 6 * 1440 + 1320, end: 7 * 1440 + 120 });
  });
});
