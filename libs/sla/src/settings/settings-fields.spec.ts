import { checkSettings } from './settings-fields';

const problemsOf = (input: unknown) => {
  const checked = checkSettings(input);
  return checked.ok ? [] : checked.problems;
};

describe('checkSettings', () => {
  it('takes any subset, the time zone in its canonical spelling', () => {
    expect(checkSettings({})).toEqual({ ok: true, value: {} });
    expect(checkSettings({ timezone: 'europe/rome', consistency: { period: 'week', minAttainment: 0.95 } })).toEqual({
      ok: true,
      value: { timezone: 'Europe/Rome', consistency: { period: 'week', minAttainment: 0.95 } },
    });
    expect(checkSettings({ consistency: { minAttainment: 0 } })).toEqual({ ok: true, value: { consistency: { minAttainment: 0 } } });
    expect(checkSettings({ consistency: { minAttainment: 1, period: 'day' } })).toEqual({ ok: true, value: { consistency: { minAttainment: 1, period: 'day' } } });
  });

  it('names every problem at once', () => {
    expect(problemsOf({ timezone: 'Mars/Olympus', consistency: { period: 'month', minAttainment: 90, goal: 1 }, locale: 'it' })).toEqual([
      'locale is not allowed',
      'timezone must be an IANA time zone such as Europe/Rome (got "Mars/Olympus")',
      'consistency.goal is not allowed',
      'consistency.period must be one of day, week (got "month")',
      'consistency.minAttainment must be a number from 0 to 1, a share such as 0.9 (got 90)',
    ]);
  });

  it('never crashes on bad types', () => {
    for (const bad of [null, [], 'x', 3]) expect(problemsOf(bad)).toEqual(['body must be an object']);
    for (const value of [null, [], {}, 'x', -1, 1e400, true]) {
      expect(problemsOf({ timezone: value, consistency: value }).length).toBeGreaterThan(0);
      expect(problemsOf({ consistency: { period: value, minAttainment: value } }).length).toBe(2);
    }
    expect(problemsOf({ timezone: '+01:00' })).toHaveLength(1);
    expect(problemsOf({ consistency: { minAttainment: '0.9' } })).toHaveLength(1);
  });
});
