/**
 * Per-connection budget for client messages: `burst` at once, refilled at `perSecond`. A client that keeps
 * sending while empty runs up `overdraft`; past `maxOverdraft` it is disconnected rather than served slowly.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  overdraft = 0;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly maxOverdraft: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  /** 'ok' to serve, 'limited' to refuse this one, 'abusive' to disconnect. */
  take(now: number): 'ok' | 'limited' | 'abusive' {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.overdraft = Math.max(0, this.overdraft - 1);
      return 'ok';
    }
    this.overdraft += 1;
    return this.overdraft > this.maxOverdraft ? 'abusive' : 'limited';
  }
}
