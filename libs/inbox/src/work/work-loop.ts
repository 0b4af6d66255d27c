import type { Logger } from '@nestjs/common';
import { isDatabaseUnavailable } from '@app/common';

/**
 * Runs tick() until stopped: again at once while it finds work, otherwise after idleMs or when woken. stop()
 * waits for the tick in flight, so SIGTERM lets a claimed batch finish.
 */
export class WorkLoop {
  private running = false;
  private current: Promise<void> = Promise.resolve();
  private wake: (() => void) | null = null;
  private woken = false;
  /** Set while ticks fail because the database cannot be reached: one warning per outage, not one error per tick. */
  private databaseAway = false;

  constructor(
    private readonly name: string,
    private readonly tick: () => Promise<number>,
    private readonly idleMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.current = this.run();
  }

  kick(): void {
    this.woken = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.current;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let done = 0;
      this.woken = false;
      try {
        done = await this.tick();
        if (this.databaseAway) this.logger.log(`${this.name}: the database is back`);
        this.databaseAway = false;
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        if (!isDatabaseUnavailable(err)) this.logger.error(`${this.name} failed: ${message}`);
        else if (!this.databaseAway) {
          this.logger.warn(`${this.name}: the database is unavailable (${message}); trying again every ${this.idleMs} ms`);
          this.databaseAway = true;
        }
      }
      if (done > 0 || this.woken || !this.running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.idleMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}

/** Exponential backoff from base, doubling per attempt, capped at an hour; never sooner than the platform asks. */
export function backoffMs(baseMs: number, attempt: number, atLeastMs = 0): number {
  const exponential = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.max(exponential, Math.min(atLeastMs, 6 * 3_600_000));
}
