/** Turns `--name value` strings into numbers and URLs with a message naming the bad option. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function numberOption(name: string, value: string | undefined, fallback: number, { min = 0, integer = false } = {}): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'} of at least ${min} (got "${value}")`);
  }
  return n;
}

export function urlOption(name: string, value: string | undefined, fallback?: string): string {
  const url = value ?? fallback;
  if (url === undefined) throw new UsageError(`--${name} is required`);
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new UsageError(`--${name} must be an http(s) URL (got "${url}")`);
  }
  return url.replace(/\/+$/, '');
}

export function requiredOption(name: string, value: string | undefined): string {
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

/** Resolves on the first SIGINT or SIGTERM. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const done = (signal: NodeJS.Signals) => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve(signal);
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}

/**
 * Aborts on the first SIGINT or SIGTERM, or when the process that started this one over IPC goes away (`npm start`
 * runs the demo workspace that way, so a demo never outlives its desk's launcher).
 */
export function stopSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    process.off('disconnect', stop);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (process.connected) process.on('disconnect', stop);
  return controller.signal;
}
