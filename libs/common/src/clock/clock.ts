/** Injectable time, so SLA and token tests move time instead of sleeping. */
export abstract class Clock {
  abstract now(): Date;

  /**
   * Called whenever the time jumps (only a test clock jumps), so that whoever sleeps until an instant (the SLA
   * timers) looks again. Returns the unsubscribe function.
   */
  onJump(_listener: () => void): () => void {
    return () => undefined;
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still until a test sets or advances it. */
export class FixedClock extends Clock {
  private readonly listeners = new Set<() => void>();

  constructor(private current: Date) {
    super();
  }
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date): void {
    this.current = new Date(at.getTime());
    this.jumped();
  }
  advance(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
    this.jumped();
  }
  override onJump(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  private jumped(): void {
    for (const listener of this.listeners) listener();
  }
}
