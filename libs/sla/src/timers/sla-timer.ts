import type { Logger } from '@nestjs/common';
import { isDatabaseUnavailable, type Clock } from '@app/common';
import { backoffMs } from '@app/inbox';

/** What the timer drives: the engine's two timer methods (an interface, so the loop is tested without a database). */
export interface DueFirer {
  fireDue(now: Date, limit?: number): Promise<number>;
  nextDeadline(): Promise<Date | null>;
}

export interface SlaTimerOptions {
  /** Clocks fired per transaction: a backlog (after downtime) drains in several short transactions. */
  batch: number;
  /**
   * The longest sleep. Only a safety net: every new or moved deadline wakes the timer through the database's NOTIFY,
   * so this matters only if a wake-up is lost (the listener's connection dropped and came back).
   */
  maxSleepMs: number;
  /**
   * First pause when the nearest deadline is past but nothing could be fired: another worker holds those rows (it is
   * firing them) or a transaction moving them has not committed. Doubles up to maxContendedMs, so a row that never
   * fires cannot spin the loop; reset as soon as something fires.
   */
  contendedMs: number;
  maxContendedMs: number;
  /** First pause after a failure (database down), doubling per consecutive failure, capped at maxSleepMs. */
  failureMs: number;
}

export const SLA_TIMER_DEFAULTS: SlaTimerOptions = { batch: 500, maxSleepMs: 15_000, contendedMs: 20, maxContendedMs: 1_000, failureMs: 500 };

/**
 * The SLA timer: fires what is due, then sleeps until the nearest unfired deadline, to the millisecond. Timers are
 * data (sla_clocks.next_fire_at): the sleep is only this process's wait for the next row, never the record of it, so
 * a restart fires everything that fell due meanwhile on its first pass. It wakes early when told a deadline was set or
 * moved (wake(): the 'sla' NOTIFY, sent by the database at the commit that sets it) or the clock jumped (test clocks).
 * Several timers may run on one database: fireDue claims rows with SKIP LOCKED, so they all just wake and share.
 */
export class SlaTimer {
  private running = false;
  private current: Promise<void> = Promise.resolve();
  private interrupt: (() => void) | null = null;
  private woken = false;
  private contended = 0;
  private failures = 0;

  constructor(
    private readonly engine: DueFirer,
    private readonly clock: Clock,
    private readonly logger: Pick<Logger, 'error' | 'warn'>,
    private readonly options: SlaTimerOptions = SLA_TIMER_DEFAULTS,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.current = this.run();
  }

  /** Look again now: a deadline was set or moved, or the clock jumped. A wake-up during a pass makes one more pass. */
  wake(): void {
    this.woken = true;
    this.interrupt?.();
  }

  /** Stops after the pass in flight (a claimed batch commits or rolls back, never half-fires). */
  async stop(): Promise<void> {
    this.running = false;
    this.interrupt?.();
    await this.current;
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.woken = false;
      const delay = await this.pass();
      if (!this.running || this.woken) continue;
      await this.sleep(delay);
    }
  }

  /** Fires everything due, then answers how long to sleep. Never throws: a failure is logged and retried later. */
  private async pass(): Promise<number> {
    try {
      let fired = 0;
      let n = this.options.batch;
      while (n === this.options.batch && this.running) {
        n = await this.engine.fireDue(this.clock.now(), this.options.batch);
        fired += n;
      }
      const next = await this.engine.nextDeadline();
      this.failures = 0;
      if (fired > 0) this.contended = 0;
      if (next === null) return this.options.maxSleepMs;
      const wait = next.getTime() - this.clock.now().getTime();
      if (wait > 0) {
        this.contended = 0;
        // setTimeout takes whole milliseconds; rounding up never wakes before the deadline.
        return Math.min(Math.ceil(wait), this.options.maxSleepMs);
      }
      if (fired > 0) return 0; // a deadline fell due during the pass: go again at once
      this.contended += 1;
      return Math.min(this.options.contendedMs * 2 ** (this.contended - 1), this.options.maxContendedMs);
    } catch (err) {
      this.failures += 1;
      const ms = Math.min(backoffMs(this.options.failureMs, this.failures), this.options.maxSleepMs);
      const message = `SLA timer failed (attempt ${this.failures}, again in ${ms} ms): ${err instanceof Error ? err.message : String(err)}`;
      // An outage is one warning, as in the other workers, not an error at every retry.
      if (!isDatabaseUnavailable(err)) this.logger.error(message);
      else if (this.failures === 1) this.logger.warn(message);
      return ms;
    }
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.interrupt = done;
    }).finally(() => {
      this.interrupt = null;
    });
  }
}
