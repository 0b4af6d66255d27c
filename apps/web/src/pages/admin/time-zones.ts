/**
 * The IANA zones to offer: the browser's list (Intl.supportedValuesOf), plus UTC, which some engines leave out, and
 * the current value when the browser does not know it (an older spelling the server keeps), so it never vanishes.
 */
export function timeZoneOptions(supported: readonly string[], current?: string | null): string[] {
  const zones = new Set(supported);
  zones.add('UTC');
  if (current) zones.add(current);
  return [...zones].sort((a, b) => a.localeCompare(b));
}

/** The browser's zones, or a short list on an engine without Intl.supportedValuesOf. */
export function browserTimeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: 'timeZone') => string[] };
  return typeof intl.supportedValuesOf === 'function' ? intl.supportedValuesOf('timeZone') : ['Europe/Rome', 'Europe/London', 'America/New_York'];
}

/** The browser's own zone: a sensible default for a new calendar or workspace. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
