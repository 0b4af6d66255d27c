import { hmacSha256, safeEqual } from '../../signing/hmac';
import type { VerifyResult } from '../../types';

/**
 * What Mailgun signs: `signature = hex HMAC-SHA256(signing key, timestamp + token)`. The body is not signed, so the
 * signature alone proves only that Mailgun once issued this timestamp and token; freshness (the timestamp within a
 * window) and single use (the token never accepted before) are the caller's to check, with its clock and its
 * database: see MailgunStamp.
 */
export interface MailgunStamp {
  /** Mailgun's one-time random token (50 characters from Mailgun), unique per delivery. */
  token: string;
  /** The signed `timestamp`, Unix seconds. */
  timestamp: number;
}

/** Mailgun's timestamp is a whole number of seconds; anything else is not Mailgun's. */
const UNIX_SECONDS = /^\d{1,12}$/;

/** The form's signing fields: timestamp, token, signature (case-insensitive names, first value wins). */
export function mailgunSigningFields(fields: Map<string, string>): { timestamp?: string; token?: string; signature?: string } {
  return { timestamp: fields.get('timestamp'), token: fields.get('token'), signature: fields.get('signature') };
}

/** Checks the form fields' signature with the channel's key; pure, no clock: see MailgunStamp. */
export function verifyMailgunFields(fields: Map<string, string>, key: string): VerifyResult {
  const { timestamp, token, signature } = mailgunSigningFields(fields);
  if (!timestamp || !token || !signature) return { ok: false, status: 401, reason: 'missing Mailgun timestamp, token or signature' };
  if (!safeEqual(signature.toLowerCase(), hmacSha256(key, timestamp + token, 'hex'))) return { ok: false, status: 403, reason: 'wrong Mailgun signature' };
  if (!UNIX_SECONDS.test(timestamp)) return { ok: false, status: 403, reason: 'Mailgun timestamp is not Unix seconds' };
  return { ok: true };
}

/** The stamp of fields whose signature verifyMailgunFields() accepts; undefined otherwise. */
export function mailgunStampOf(fields: Map<string, string>, key: string): MailgunStamp | undefined {
  if (!verifyMailgunFields(fields, key).ok) return undefined;
  const { timestamp, token } = mailgunSigningFields(fields);
  return { token: token!, timestamp: Number(timestamp) };
}

/**
 * Signs form fields as Mailgun does (replacing any timestamp, token and signature in them), for tests and the
 * simulator: a fresh delivery needs a fresh timestamp and an unused token.
 */
export function signMailgunFields(fields: Record<string, string>, key: string, stamp: MailgunStamp): Record<string, string> {
  const { timestamp: _t, token: _k, signature: _s, ...rest } = fields;
  const timestamp = String(stamp.timestamp);
  return { ...rest, timestamp, token: stamp.token, signature: hmacSha256(key, timestamp + stamp.token, 'hex') };
}
