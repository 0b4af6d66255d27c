import { LANGS, type Lang } from '../i18n/define';
import { useI18n } from '../i18n/i18n';

const NAMES: Record<Lang, string> = { en: 'English', it: 'Italiano' };

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <label className="inline-field">
      <span className="visually-hidden">{t('nav.language')}</span>
      <select aria-label={t('nav.language')} value={lang} onChange={(e) => setLang(e.target.value as Lang)} data-testid="language">
        {LANGS.map((l) => (
          <option key={l} value={l} lang={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
