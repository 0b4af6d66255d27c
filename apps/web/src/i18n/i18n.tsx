import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { format, pickLang, type Lang } from './define';
import { admin } from './messages/admin';
import { common } from './messages/common';
import { conversation } from './messages/conversation';
import { inbox } from './messages/inbox';
import { supervisor } from './messages/supervisor';
import { team } from './messages/team';

const areas = [common, inbox, conversation, team, supervisor, admin];
type Area = (typeof areas)[number];
export type MessageKey = Area extends infer A ? (A extends { en: Record<infer K, string> } ? K : never) : never;

const dictionaries: Record<Lang, Record<string, string>> = {
  en: Object.assign({}, ...areas.map((a) => a.en)),
  it: Object.assign({}, ...areas.map((a) => a.it)),
};

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
  /** Dates, times and numbers in the chosen language. */
  locale: string;
}

const STORAGE_KEY = 'desk.lang';
const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => pickLang(localStorage.getItem(STORAGE_KEY), navigator.languages ?? [navigator.language]));
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      locale: lang === 'it' ? 'it-IT' : 'en-GB',
      t: (key, vars) => format(dictionaries[lang][key] ?? dictionaries.en[key] ?? key, vars),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export const useT = (): Translate => useI18n().t;
