import { durationTicks, labelStride, niceTicks, scale, shortLabel } from './chart-scale';

describe('chart scales', () => {
  it('picks round count ticks that reach the maximum', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(95)).toEqual([0, 50, 100]);
    expect(niceTicks(101)).toEqual([0, 50, 100, 150]);
  });

  it('picks duration ticks on clock units', () => {
    expect(durationTicks(0)).toEqual([0, 60]);
    expect(durationTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(durationTicks(50)).toEqual([0, 15, 30, 45, 60]);
    expect(durationTicks(1000)).toEqual([0, 300, 600, 900, 1200]);
    expect(durationTicks(5 * 3600)).toEqual([0, 7200, 14400, 21600]);
    expect(durationTicks(60 * 86400).at(-1)).toBeGreaterThanOrEqual(60 * 86400);
    expect(durationTicks(60 * 86400).length).toBeLessThanOrEqual(5);
  });

  it('maps values onto pixels, clamping at the top', () => {
    expect(scale(5, 10, 200)).toBe(100);
    expect(scale(15, 10, 200)).toBe(200);
    expect(scale(5, 0, 200)).toBe(0);
  });

  it('thins axis labels to what fits', () => {
    expect(labelStride(7, 10)).toBe(1);
    expect(labelStride(31, 10)).toBe(4);
    expect(labelStride(24, 12)).toBe(2);
  });

  it('cuts long row labels with an ellipsis', () => {
    expect(shortLabel('Care')).toBe('Care');
    expect(shortLabel('A very long role name indeed')).toBe('A very long role name…');
    expect(shortLabel('A very long role name indeed')).toHaveLength(22);
  });
});
