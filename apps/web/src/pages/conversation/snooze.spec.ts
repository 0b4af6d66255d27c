import { parseSnoozeInput, snoozePresets, toLocalInput } from './snooze';

describe('snoozePresets', () => {
  it('offers 1 and 3 hours, tomorrow 09:00 and next Monday 09:00', () => {
    const wednesday = new Date(2026, 2, 4, 15, 30); // local time
    const presets = Object.fromEntries(snoozePresets(wednesday).map((p) => [p.preset, p.until]));
    expect(presets.hour!.getTime() - wednesday.getTime()).toBe(3_600_000);
    expect(presets.threeHours!.getTime() - wednesday.getTime()).toBe(3 * 3_600_000);
    expect(toLocalInput(presets.tomorrow!)).toBe('2026-03-05T09:00');
    expect(toLocalInput(presets.nextWeek!)).toBe('2026-03-09T09:00');
  });

  it('takes next Monday a week ahead on a Monday and the next day on a Sunday', () => {
    const monday = new Date(2026, 2, 2, 8, 0);
    const sunday = new Date(2026, 2, 8, 20, 0);
    expect(toLocalInput(snoozePresets(monday).find((p) => p.preset === 'nextWeek')!.until)).toBe('2026-03-09T09:00');
    expect(toLocalInput(snoozePresets(sunday).find((p) => p.preset === 'nextWeek')!.until)).toBe('2026-03-09T09:00');
  });
});

describe('parseSnoozeInput', () => {
  const now = new Date(2026, 2, 4, 15, 30);

  it('reads a future local time', () => {
    expect(parseSnoozeInput('2026-03-04T18:00', now)).toEqual(new Date(2026, 2, 4, 18, 0));
  });

  it('refuses the past, the present, impossible dates and junk', () => {
    expect(parseSnoozeInput('2026-03-04T15:30', now)).toBeNull();
    expect(parseSnoozeInput('2026-03-01T09:00', now)).toBeNull();
    expect(parseSnoozeInput('2026-02-31T09:00', now)).toBeNull();
    expect(parseSnoozeInput('', now)).toBeNull();
    expect(parseSnoozeInput('tomorrow', now)).toBeNull();
  });

  it('round-trips with toLocalInput', () => {
    const at = new Date(2026, 11, 24, 7, 5);
    expect(parseSnoozeInput(toLocalInput(at), now)).toEqual(at);
  });
});
