import { WebhookParseError } from '../types/webhook-request';

/** Parses a delivery's raw bytes as a JSON object, or throws WebhookParseError (the webhook answers 400). */
export function readJsonObject(raw: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new WebhookParseError('body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new WebhookParseError('body is not a JSON object');
  return value as Record<string, unknown>;
}

/** Parses a platform's response body as JSON, or undefined when it is not JSON. */
export function tryJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
