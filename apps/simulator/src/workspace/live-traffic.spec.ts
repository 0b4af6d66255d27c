import { createRng } from '../traffic/random';
import { nextGapMs } from './live-traffic';

describe('the live traffic pace', () => {
  it('waits from half to one and a half times the mean gap, averaging the mean', () => {
    const rng = createRng(7);
    const gaps = Array.from({ length: 2000 }, () => nextGapMs(rng, 8));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(3_750);
    expect(Math.max(...gaps)).toBeLessThan(11_250);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(mean).toBeGreaterThan(7_000);
    expect(mean).toBeLessThan(8_000);
  });
});
