import type { ChannelConfig } from '../../types/channel-type';

/**
 * Defensive readers for platform JSON. Deliveries are hostile until proven otherwise: any field may be missing,
 * of the wrong type or absurdly large, and parse() must answer with events or a WebhookParseError, never a crash.
 * Shared by the X, Telegram and LinkedIn adapters.
 */
export type Json = Record<string, unknown>;

export function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/** The objects of an array; anything else in it (or a non-array) is skipped. */
export function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(obj).filter((v): v is Json => v !== undefined) : [];
}

/**
 * The value at a path of object keys, or undefined as soon as a step is not an object. Own properties only: a
 * payload key like `__proto__` must not reach Object.prototype.
 */
export function at(value: unknown, ...keys: string[]): unknown {
  let current = value;
  for (const key of keys) {
    const container = obj(current);
    if (container === undefined || !Object.hasOwn(container, key)) return undefined;
    current = container[key];
  }
  return current;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * A platform id as a string. Numbers are taken only when exact: X's numeric ids exceed 2^53 and arrive rounded,
 * so they must come from their `id_str` twin instead. A blank id is none: every blank one would be the same id (and
 * the NULs the processor drops before storing count as blank).
 */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.replaceAll('\u0000', '').trim() === '' ? undefined : value;
  return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : undefined;
}

/** PostgreSQL cannot store U+0000 in text, so no name or text leaves an adapter with one. */
export function clean(value: string): string {
  return value.replaceAll('\u0000', '');
}

export function cleanOpt(value: unknown): string | undefined {
  const text = str(value);
  return text === undefined ? undefined : clean(text);
}

/** Years 1 to 9999: ISO 8601's four digits, and inside PostgreSQL's timestamptz (a JS date may be 270,000 years off). */
const MIN_TIME_MS = -62_135_596_800_000;
const MAX_TIME_MS = 253_402_300_799_999;

/** An instant as ISO 8601 UTC; undefined when it is not one a platform could have meant. */
export function isoFromTime(ms: number): string | undefined {
  return Number.isFinite(ms) && ms >= MIN_TIME_MS && ms <= MAX_TIME_MS ? new Date(ms).toISOString() : undefined;
}

/** Epoch milliseconds (number or digit string) as ISO 8601; undefined when absent or out of range. */
export function isoFromMillis(value: unknown): string | undefined {
  const ms = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : num(value);
  return ms === undefined ? undefined : isoFromTime(ms);
}

/** contacts.followers is a PostgreSQL integer; no account has more followers than that. */
export const MAX_FOLLOWERS = 2_147_483_647;

/** A follower count as the platform gave it, capped to what the column holds; undefined when it is not a count. */
export function followerCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? Math.min(value, MAX_FOLLOWERS) : undefined;
}

export function isoFromSeconds(value: unknown): string | undefined {
  const seconds = num(value);
  return seconds === undefined ? undefined : isoFromMillis(seconds * 1000);
}

/** The delivery's own time when it has one; otherwise the time we read it (the nearest truth we have). */
export function isoOrNow(iso: string | undefined): string {
  return iso ?? new Date().toISOString();
}

/** Drops undefined values, so events and request bodies carry only what the platform said. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A config value as text ('' when unset), for secrets and ids that may be stored as numbers. */
export function configText(config: ChannelConfig, name: string): string {
  const value = config[name];
  return value === undefined ? '' : String(value);
}

/** A replyRef value written by parse(): always a single string there. */
export function refText(ref: Record<string, string | string[] | undefined> | undefined, key: string): string | undefined {
  const value = ref?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
