import { addDays, csvFilename, datesOf, daysIn, presetOf, presetRange, rangeProblem, rangeQuery, todayIn } from './report-range';

describe('report ranges', () => {
  it('reads today in the workspace’s time zone, not the browser’s', () => {
    const lateEvening = Date.parse('2026-11-30T23:30:00Z');
    expect(todayIn('UTC', lateEvening)).toBe('2026-11-30');
    expect(todayIn('Europe/Rome', lateEvening)).toBe('2026-12-01');
    expect(todayIn('America/New_York', lateEvening)).toBe('2026-11-30');
  });

  it('counts calendar days across a daylight-saving change and a leap day', () => {
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysIn({ from: '2026-03-01', to: '2026-03-31' })).toBe(31);
    expect(datesOf({ from: '2026-12-30', to: '2027-01-02' })).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
  });

  it('makes the presets, each including today', () => {
    expect(presetRange('last7', '2026-11-20')).toEqual({ from: '2026-11-14', to: '2026-11-20' });
    expect(presetRange('last30', '2026-11-20')).toEqual({ from: '2026-10-22', to: '2026-11-20' });
    expect(presetRange('thisMonth', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('thisMonth', '2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(presetOf({ from: '2026-11-14', to: '2026-11-20' }, '2026-11-20')).toBe('last7');
    expect(presetOf({ from: '2026-11-13', to: '2026-11-20' }, '2026-11-20')).toBeNull();
  });

  it('asks the API for the day after the last one picked, and names the CSV with it', () => {
    expect(rangeQuery({ from: '2026-11-01', to: '2026-11-30' })).toEqual({ from: '2026-11-01', to: '2026-12-01' });
    expect(csvFilename('role', { from: '2026-11-01', to: '2026-11-30' })).toBe('sla-report-role-2026-11-01-2026-12-01.csv');
    expect(csvFilename('day', { from: '2026-11-01', to: '2026-11-30' }, 'sentiment')).toBe('sentiment-report-day-2026-11-01-2026-12-01.csv');
  });

  it('says what is wrong with a range before asking', () => {
    expect(rangeProblem({ from: '2026-11-01', to: '2026-11-01' })).toBeNull();
    expect(rangeProblem({ from: '', to: '2026-11-01' })).toBe('missing');
    expect(rangeProblem({ from: '2026-11-02', to: '2026-11-01' })).toBe('order');
    // 400 days is the API's most: 2025-01-01 to 2026-02-04 (to 2026-02-05 exclusive) is exactly that.
    expect(rangeProblem({ from: '2025-01-01', to: '2026-02-04' })).toBeNull();
    expect(rangeProblem({ from: '2025-01-01', to: '2026-02-05' })).toBe('tooLong');
  });
});
