import { useT } from '../../i18n/i18n';

export function InboxPage({ conversationId }: { conversationId?: string }) {
  const t = useT();
  return <h1>{t('inbox.title')} {conversationId}</h1>;
}
