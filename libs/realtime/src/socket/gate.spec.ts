import { Gate } from './gate';

describe('Gate', () => {
  it('runs at most `limit` tasks at once, the others in arrival order, and passes results and errors through', async () => {
    const gate = new Gate(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (i: number) => async () => {
      started.push(i);
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      if (i === 3) throw new Error('three');
      return i * 10;
    };
    const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map((i) => gate.run(task(i))));
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([0, 10, 20, 'three', 40, 50]);
    expect(gate.queued).toBe(0);
    // The gate is free again after an error: two more run at once.
    await Promise.all([gate.run(task(6)), gate.run(task(7))]);
    expect(peak).toBe(2);
  });
});
