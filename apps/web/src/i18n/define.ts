export type Lang = 'en' | 'it';
export const LANGS: readonly Lang[] = ['en', 'it'];

/** One area's strings in both languages; the type makes a key missing in either language a compile error. */
export function defineMessages<K extends string>(m: { en: Record<K, string>; it: Record<K, string> }): { en: Record<K, string>; it: Record<K, string> } {
  return m;
}

/** `{name}` placeholders filled from vars; a placeholder without a value stays visible rather than vanishing. */
export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (all, name: string) => (name in vars ? String(vars[name]) : all));
}

/** The browser's first language we speak, else English. */
export function pickLang(saved: string | null, browser: readonly string[]): Lang {
  if (saved === 'en' || saved === 'it') return saved;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'it' || base === 'en') return base;
  }
  return 'en';
}
