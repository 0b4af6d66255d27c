import { WebhookParseError } from '../types/webhook-request';

/** Parses a delivery's raw bytes as a JSON object, or throws WebhookParseError (the webhook answers 400). */
export function readJsonObject(raw: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = parseWellFormed(raw.toString('utf8'));
  } catch {
    throw new WebhookParseError('body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new WebhookParseError('body is not a JSON object');
  return value as Record<string, unknown>;
}

/** Parses a platform's response body as JSON, or undefined when it is not JSON. */
export function tryJson(body: string): unknown {
  try {
    return parseWellFormed(body);
  } catch {
    return undefined;
  }
}

/**
 * `"\ud800"` is valid JSON (Meta and Telegram escape all non-ASCII, and a platform may cut a text inside an emoji),
 * but a lone surrogate fits in no UTF-8 text: jsonb refuses it and encodeURIComponent throws. Each one becomes
 * U+FFFD, in values and keys. The bytes themselves are UTF-8 (checked before parsing), so only escapes can hold one.
 */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;
const LONE_SURROGATE = /\p{Cs}/gu;

function parseWellFormed(text: string): unknown {
  const value: unknown = JSON.parse(text);
  return SURROGATE_ESCAPE.test(text) ? wellFormed(value) : value;
}

function wellFormed(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(LONE_SURROGATE, '\uFFFD');
  if (Array.isArray(value)) return value.map(wellFormed);
  if (typeof value !== 'object' || value === null) return value;
  // fromEntries defines own properties: a `__proto__` key stays a key.
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(LONE_SURROGATE, '\uFFFD'), wellFormed(v)]));
}
