import { useT } from '../../i18n/i18n';

export function AdminPage({ section }: { section?: string }) {
  const t = useT();
  return <h1>{t('admin.title')} {section}</h1>;
}
