import type { HttpResponse, SendOutcome } from '../types/outbound';
import { tryJson } from './read-json';

export interface ResponseReading {
  /** The id of what was sent, from a successful answer. */
  id?: (body: unknown, res: HttpResponse) => string | undefined;
  /** The platform's own error message from an error answer. */
  error?: (body: unknown, res: HttpResponse) => string | undefined;
  /** Seconds to wait from the body (Telegram's parameters.retry_after), tried after the Retry-After header. */
  retryAfter?: (body: unknown, res: HttpResponse) => number | undefined;
  /** A 4xx that is really transient (Meta's is_transient, rate-limit codes sent as 400). */
  transient?: (body: unknown, res: HttpResponse) => boolean;
}

/**
 * The one rule for every platform: 2xx sent; 429, 408, 5xx and transient errors retried (after the platform's
 * retry-after when it gives one); any other 4xx is permanent.
 */
export function classifyResponse(res: HttpResponse, reading: ResponseReading): SendOutcome {
  const body = tryJson(res.body);
  if (res.status >= 200 && res.status < 300) return { outcome: 'sent', externalId: reading.id?.(body, res) };
  const message = reading.error?.(body, res) ?? (res.body.slice(0, 500) || `HTTP ${res.status}`);
  const error = `${res.status}: ${message}`;
  if (res.status === 429 || res.status === 408 || res.status >= 500 || reading.transient?.(body, res)) {
    const retryAfterSeconds = retryAfterHeader(res) ?? reading.retryAfter?.(body, res);
    return { outcome: 'retry', error, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
  }
  return { outcome: 'failed', error };
}

/** Retry-After as seconds or an HTTP date; X's x-rate-limit-reset as epoch seconds. */
export function retryAfterHeader(res: HttpResponse, now = Date.now()): number | undefined {
  const value = res.headers['retry-after'];
  if (value !== undefined && value !== '') {
    const seconds = Number(value);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000));
  }
  const reset = res.headers['x-rate-limit-reset'];
  if (res.status === 429 && reset !== undefined && /^\d+$/.test(reset)) return Math.max(0, Number(reset) - Math.floor(now / 1000));
  return undefined;
}
