import { useI18n } from '../../i18n/i18n';
import type { Viewer } from './reply-logic';

/** "Also here: Giulia (typing…), Luca": who else has this conversation open, so two people do not both answer. */
export function ViewersLine({ viewers }: { viewers: Viewer[] }) {
  const { t } = useI18n();
  if (viewers.length === 0) return null;
  return (
    <p className="conv-viewers" role="status" aria-live="polite">
      {t('conversation.viewers.also')}{' '}
      {viewers.map((v, i) => (
        <span key={v.userId} className={v.typing ? 'viewer typing' : 'viewer'}>
          {v.name}
          {v.typing && ` ${t('conversation.viewers.typing')}`}
          {i < viewers.length - 1 && ', '}
        </span>
      ))}
    </p>
  );
}
