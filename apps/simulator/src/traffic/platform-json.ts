/**
 * JSON as Meta and Telegram send it: every non-ASCII character as a \uXXXX escape (emoji as surrogate pairs) and
 * `/` as `\/`. An adapter that verifies re-serialized JSON instead of the raw bytes fails on these bodies.
 */
export function escapedJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\u007f-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/');
}

const BIG = '__big_number__';

/** Marks an id that X sends as a bare JSON number beyond 2^53 (readers must take id_str instead). */
export const bigNumber = (digits: string): string => `${BIG}${digits}`;

/** JSON with the bigNumber() markers written as bare numbers, exactly as X's payloads carry them. */
export function jsonWithBigNumbers(value: unknown): string {
  return JSON.stringify(value).replace(new RegExp(`"${BIG}(\\d+)"`, 'g'), '$1');
}
