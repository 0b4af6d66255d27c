import { fbtraceId } from './ids';

/** Graph's error codes for the statuses the fake produces: rate limit 4, token 190, permission 10, transient 2. */
function codeFor(status: number): number {
  if (status === 429) return 4;
  if (status === 401) return 190;
  if (status === 403) return 10;
  if (status === 404) return 803;
  if (status >= 500) return 2;
  return 100;
}

export function metaError(status: number, message: string, code = codeFor(status)): unknown {
  return {
    error: { message, type: 'OAuthException', code, is_transient: status >= 500 || status === 429, fbtrace_id: fbtraceId() },
  };
}
