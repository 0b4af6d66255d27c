import type { ChannelConfig } from '../../types/channel-type';
import type { HttpRequest } from '../../types/outbound';

/** A JSON POST to the platform, as every reply API here takes one. */
export function postJson(url: string, body: object, headers: Record<string, string> = {}): HttpRequest {
  return { method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** apiBaseUrl without a trailing slash, so paths join cleanly whatever the operator typed. */
export function apiBase(config: ChannelConfig): string {
  return String(config.apiBaseUrl).replace(/\/+$/, '');
}
