import { idOf, isoFromMillis, isoFromTime, num, str } from '../shared/payload-fields';

/**
 * Readers for what all Meta payloads share: string ids (page, comment, PSID, mid, wamid) and three ways of
 * telling time (epoch seconds, epoch milliseconds, digit strings, Graph's `2024-06-10T12:30:05+0000`).
 */

/** Stands in for an author the payload does not name (Facebook omits `from` for some users; mentions until enriched). */
export const UNKNOWN_AUTHOR_ID = 'unknown';

const MAX_ID_LENGTH = 1024;

/** A Meta id as text; ids are strings on the wire, but an exact number is accepted. Ids with NUL are not ids. */
export function metaId(value: unknown): string | undefined {
  const id = idOf(value);
  return id !== undefined && id.length <= MAX_ID_LENGTH && !id.includes('\u0000') ? id : undefined;
}

/**
 * Epoch time whose unit the payload does not fix: `entry.time` is seconds for `changes` and milliseconds for
 * `messaging`. Any value past 1e11 (the year 5138 in seconds, 1973 in milliseconds) is milliseconds.
 */
export function isoFromEpoch(value: unknown): string | undefined {
  const n = epochNumber(value);
  if (n === undefined) return undefined;
  return isoFromMillis(n >= 1e11 ? n : n * 1000);
}

/** Epoch seconds, as a number (Facebook created_time) or a digit string (WhatsApp timestamp). */
export function isoFromEpochSeconds(value: unknown): string | undefined {
  const n = epochNumber(value);
  return n === undefined ? undefined : isoFromMillis(n * 1000);
}

/** Graph's own time format lacks the colon in the offset, which Date.parse is not required to accept. */
export function isoFromGraphTime(value: unknown): string | undefined {
  const text = str(value);
  if (text === undefined || text.length > 40) return undefined;
  return isoFromTime(Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));
}

function epochNumber(value: unknown): number | undefined {
  if (typeof value === 'string') return /^\d{1,16}$/.test(value) ? Number(value) : undefined;
  return num(value);
}
