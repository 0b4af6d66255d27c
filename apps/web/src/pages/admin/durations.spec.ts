import { splitSeconds, toSeconds } from './durations';

describe('SLA targets in minutes, hours and days', () => {
  it('shows seconds in the largest unit that keeps a whole number', () => {
    expect(splitSeconds(1800)).toEqual({ amount: '30', unit: 'minutes' });
    expect(splitSeconds(5400)).toEqual({ amount: '90', unit: 'minutes' });
    expect(splitSeconds(7200)).toEqual({ amount: '2', unit: 'hours' });
    expect(splitSeconds(172_800)).toEqual({ amount: '2', unit: 'days' });
  });

  it('shows no target as empty, in the unit asked for', () => {
    expect(splitSeconds(null, 'hours')).toEqual({ amount: '', unit: 'hours' });
  });

  it('shows a target set in odd seconds through the API as decimal minutes', () => {
    expect(splitSeconds(90)).toEqual({ amount: '1.5', unit: 'minutes' });
  });

  it('turns what was typed into whole seconds, empty into null, and leaves text that is no number for the server', () => {
    expect(toSeconds({ amount: '30', unit: 'minutes' })).toBe(1800);
    expect(toSeconds({ amount: '1,5', unit: 'hours' })).toBe(5400);
    expect(toSeconds({ amount: '0.01', unit: 'minutes' })).toBe(1);
    expect(toSeconds({ amount: ' ', unit: 'days' })).toBeNull();
    expect(toSeconds({ amount: 'soon', unit: 'days' })).toBe('soon');
  });

  it('round-trips every whole-minute target', () => {
    for (const seconds of [60, 900, 3600, 5400, 86_400, 90_000, 31_536_000]) expect(toSeconds(splitSeconds(seconds))).toBe(seconds);
  });
});
