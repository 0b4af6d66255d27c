import { FixedClock, SystemClock, type Clock } from '@app/common';
import { SlaTimer, type DueFirer, type SlaTimerOptions } from './sla-timer';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await sleep(5);
}
const OPTIONS: SlaTimerOptions = { batch: 3, maxSleepMs: 60_000, contendedMs: 20, maxContendedMs: 200, failureMs: 30 };

/** Deadlines in memory: fireDue fires (removes) those due by `now`, up to `limit`; `locked` ones stay due but never fire. */
class FakeEngine implements DueFirer {
  deadlines: number[] = [];
  locked = 0;
  fired: Array<{ due: number; at: number }> = [];
  calls = 0;
  failNext = 0;
  failure: () => Error = () => new Error('connection refused');
  inFlight = false;

  async fireDue(now: Date, limit = 200): Promise<number> {
    this.calls++;
    this.inFlight = true;
    await sleep(1);
    this.inFlight = false;
    if (this.failNext > 0) {
      this.failNext--;
      throw this.failure();
    }
    const due = this.deadlines.filter((d) => d <= now.getTime()).sort((a, b) => a - b).slice(0, limit);
    this.deadlines = this.deadlines.filter((d) => !due.includes(d));
    for (const d of due) this.fired.push({ due: d, at: Date.now() });
    return due.length;
  }

  async nextDeadline(): Promise<Date | null> {
    if (this.failNext > 0) throw this.failure();
    const all = [...this.deadlines, ...(this.locked > 0 ? [Date.now() - 1_000] : [])];
    return all.length ? new Date(Math.min(...all)) : null;
  }
}

describe('SlaTimer', () => {
  let timer: SlaTimer | undefined;
  const logger = { error: jest.fn(), warn: jest.fn() };
  const start = (engine: DueFirer, clock: Clock = new SystemClock(), options = OPTIONS) => {
    timer = new SlaTimer(engine, clock, logger, options);
    timer.start();
    return timer;
  };
  afterEach(async () => {
    await timer?.stop();
    timer = undefined;
    logger.error.mockReset();
  });

  it('fires everything overdue at start, batch after batch', async () => {
    const engine = new FakeEngine();
    engine.deadlines = Array.from({ length: 10 }, (_, i) => Date.now() - 60_000 + i);
    start(engine);
    await until(() => engine.fired.length === 10);
    expect(engine.fired).toHaveLength(10);
    expect(engine.deadlines).toEqual([]);
  });

  it('sleeps until the nearest deadline and fires it within a few milliseconds', async () => {
    const engine = new FakeEngine();
    const due = Date.now() + 150;
    engine.deadlines = [due, due + 100];
    start(engine);
    await until(() => engine.fired.length === 2);
    expect(engine.fired.map((f) => f.due)).toEqual([due, due + 100]);
    for (const f of engine.fired) {
      expect(f.at).toBeGreaterThanOrEqual(f.due);
      expect(f.at - f.due).toBeLessThan(100);
    }
    // Asleep between deadlines, not polling: a handful of passes, not dozens.
    expect(engine.calls).toBeLessThan(12);
  });

  it('wakes early for a deadline set while it sleeps', async () => {
    const engine = new FakeEngine();
    start(engine);
    await sleep(30); // idle: no deadline, asleep for the safety interval
    const due = Date.now() + 40;
    engine.deadlines.push(due);
    timer!.wake();
    await until(() => engine.fired.length === 1);
    expect(engine.fired.map((f) => f.due)).toEqual([due]);
    expect(engine.fired[0]!.at - due).toBeLessThan(100);
  });

  it('wakes when a test clock jumps past a deadline', async () => {
    const clock = new FixedClock(new Date('2026-03-02T09:00:00.000Z'));
    const engine = new FakeEngine();
    const due = new Date('2026-03-02T09:30:00.000Z').getTime();
    engine.deadlines = [due];
    const t = start(engine, clock);
    const off = clock.onJump(() => t.wake());
    await sleep(30);
    expect(engine.fired).toEqual([]);
    clock.advance(30 * 60);
    await until(() => engine.fired.length === 1);
    off();
    expect(engine.fired.map((f) => f.due)).toEqual([due]);
  });

  it('backs off, doubling, when a past deadline cannot be fired (locked by another worker), instead of spinning', async () => {
    const engine = new FakeEngine();
    engine.locked = 1;
    start(engine);
    await sleep(400);
    // 20 + 40 + 80 + 160 ms of pauses: about five passes in 400 ms, where a spin would make hundreds.
    expect(engine.calls).toBeGreaterThanOrEqual(2);
    expect(engine.calls).toBeLessThanOrEqual(7);
    // Once the lock goes and something fires, it is back to full speed at once.
    engine.locked = 0;
    const due = Date.now() + 20;
    engine.deadlines.push(due);
    timer!.wake();
    await until(() => engine.fired.length === 1);
    expect(engine.fired.map((f) => f.due)).toEqual([due]);
  });

  it('logs a failure and tries again later, never throwing out of the loop', async () => {
    const engine = new FakeEngine();
    engine.failNext = 2;
    engine.deadlines = [Date.now() - 5];
    start(engine);
    await until(() => engine.fired.length === 1); // after 30 ms then 60 ms of backoff
    expect(logger.error).toHaveBeenCalledTimes(2);
    expect(logger.error.mock.calls[0]![0]).toMatch(/SLA timer failed \(attempt 1, again in 30 ms\): connection refused/);
    expect(engine.fired).toHaveLength(1);
  });

  it('warns once, not at every retry, while the database cannot be reached', async () => {
    const engine = new FakeEngine();
    engine.failure = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    engine.failNext = 3;
    engine.deadlines = [Date.now() - 5];
    logger.warn.mockReset();
    start(engine);
    await until(() => engine.fired.length === 1);
    expect(logger.error).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]![0]).toMatch(/SLA timer failed \(attempt 1/);
  });

  it('stops after the pass in flight', async () => {
    const engine = new FakeEngine();
    engine.deadlines = [Date.now() - 5];
    const t = start(engine);
    await Promise.resolve();
    await t.stop();
    expect(engine.inFlight).toBe(false);
    const calls = engine.calls;
    await sleep(50);
    expect(engine.calls).toBe(calls);
  });
});
