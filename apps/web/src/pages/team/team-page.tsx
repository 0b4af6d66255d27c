import { useT } from '../../i18n/i18n';

export function TeamPage() {
  const t = useT();
  return <h1>{t('team.title')}</h1>;
}
