import { randomBytes, randomInt } from 'node:crypto';

/** A numeric id string of the given length (platform ids exceed 2^53, so they are strings). */
export function digits(length: number): string {
  let out = String(randomInt(1, 10));
  while (out.length < length) out += String(randomInt(0, 10));
  return out;
}

/** URL-safe random token, as platforms use for opaque ids (wamid, YouTube reply suffix, Messenger mid). */
export function token(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/** Meta's trace id on every error. */
export function fbtraceId(): string {
  return randomBytes(8).toString('base64url');
}
