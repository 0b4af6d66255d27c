/**
 * Dates in the pane, in the reader's language (`locale` from useI18n) and the browser's time zone. Formatters
 * are cached: a long thread formats hundreds of times per render.
 */
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(key, f);
  }
  return f;
}

/** `YYYY-MM-DD` of the instant in the browser's time zone: groups a thread by day. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export const timeOf = (iso: string, locale: string): string => formatter(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

export const dateTimeOf = (iso: string | Date, locale: string): string =>
  formatter(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(typeof iso === 'string' ? new Date(iso) : iso);

export const dayOf = (iso: string, locale: string): string =>
  formatter(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));

export const numberOf = (n: number, locale: string): string => new Intl.NumberFormat(locale).format(n);
