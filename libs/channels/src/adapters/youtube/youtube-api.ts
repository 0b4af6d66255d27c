import type { ChannelConfig } from '../../types';

/** YouTube Data API calls authenticate with the channel owner's OAuth token (scope youtube.force-ssl). */
export function youtubeHeaders(config: ChannelConfig): Record<string, string> {
  return { authorization: `Bearer ${String(config.accessToken ?? '')}`, accept: 'application/json' };
}

/** Google's error shape `{error: {code, message, errors: [{reason}]}}`, as "message (reason)", tags stripped. */
export function youtubeError(body: unknown): { message?: string; reason?: string } {
  const error = field(body, 'error');
  const raw = field(error, 'message');
  const first = field(error, 'errors');
  const reason = field(Array.isArray(first) ? first[0] : undefined, 'reason');
  // The quota message links to the docs with an <a> tag; agents read plain text.
  const message = typeof raw === 'string' ? raw.slice(0, 1_000).replace(/<[^<>]*>/g, '') : undefined;
  return { ...(message ? { message } : {}), ...(typeof reason === 'string' ? { reason } : {}) };
}

export function describeYoutubeError(body: unknown): string | undefined {
  const { message, reason } = youtubeError(body);
  if (!message) return reason;
  return reason ? `${message} (${reason})` : message;
}

/** Reasons that clear by themselves: rate limits, Google-side failures, and the daily quota (reset at midnight Pacific). */
export const TRANSIENT_REASONS = new Set(['quotaExceeded', 'rateLimitExceeded', 'userRateLimitExceeded', 'backendError', 'internalError']);

/** Seconds until the daily quota resets: midnight in America/Los_Angeles. */
export function secondsUntilQuotaReset(now = new Date()): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' }).formatToParts(now);
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Math.max(1, 86_400 - (part('hour') * 3600 + part('minute') * 60 + part('second')));
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
}
