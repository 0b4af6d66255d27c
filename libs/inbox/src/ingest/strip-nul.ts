/**
 * PostgreSQL stores no U+0000 in text or jsonb. Platform payloads may carry one; it is dropped from every string
 * (and key) before anything reaches the database, while the raw body keeps the original bytes.
 */
export function stripNul<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '') as T;
  if (Array.isArray(value)) return value.map((v) => stripNul(v)) as T;
  if (typeof value === 'object' && value !== null && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replaceAll('\u0000', ''), stripNul(v)])) as T;
  }
  return value;
}
