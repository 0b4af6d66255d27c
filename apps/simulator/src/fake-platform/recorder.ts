import type { RecordedRequest } from './types';

interface Waiter {
  n: number;
  filter: (r: RecordedRequest) => boolean;
  resolve: (requests: RecordedRequest[]) => void;
  reject: (error: Error) => void;
}

/** Every platform request, in arrival order, and whoever waits for them. */
export class Recorder {
  /** One array for the fake's lifetime: reset() empties it in place, so a caller's reference stays live. */
  readonly requests: RecordedRequest[] = [];
  private readonly listeners = new Set<(r: RecordedRequest) => void>();
  private readonly waiters = new Set<Waiter>();

  add(request: RecordedRequest): void {
    this.requests.push(request);
  }

  /** Called once the request is answered, so listeners and waiters see its status. */
  answered(request: RecordedRequest): void {
    for (const listener of this.listeners) {
      try {
        listener(request);
      } catch {
        // A listener's bug must not break the fake's answers.
      }
    }
    for (const waiter of this.waiters) {
      const matching = this.matching(waiter.filter);
      if (matching.length >= waiter.n) {
        this.waiters.delete(waiter);
        waiter.resolve(matching);
      }
    }
  }

  clear(): void {
    this.requests.length = 0;
  }

  onRequest(listener: (r: RecordedRequest) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private matching(filter: (r: RecordedRequest) => boolean): RecordedRequest[] {
    return this.requests.filter((r) => r.status !== undefined && filter(r));
  }

  waitFor(n: number, timeoutMs: number, filter: (r: RecordedRequest) => boolean = () => true): Promise<RecordedRequest[]> {
    const now = this.matching(filter);
    if (now.length >= n) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        n,
        filter,
        resolve: (requests) => {
          clearTimeout(timer);
          resolve(requests);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.matching(filter).map((r) => `${r.method} ${r.path} -> ${r.status}`);
        reject(new Error(`waited ${timeoutMs} ms for ${n} request(s), got ${seen.length}${seen.length ? `: ${seen.join('; ')}` : ''}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Pending waiters reject when the fake closes, instead of hanging a test until its timeout. */
  close(): void {
    for (const waiter of this.waiters) waiter.reject(new Error('the fake platform was closed'));
    this.waiters.clear();
  }
}
