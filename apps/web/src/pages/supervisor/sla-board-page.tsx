import { useT } from '../../i18n/i18n';

export function SlaBoardPage() {
  const t = useT();
  return <h1>{t('supervisor.title')}</h1>;
}
