import { useDirectory } from '../../components/directory';
import { useI18n } from '../../i18n/i18n';
import { dateTimeOf } from './dates';
import { isKnownHistoryType, isSlaLine } from './panel-logic';

export interface HistoryItem {
  type: string;
  at: string;
  actor: { type: 'system' | 'user'; id: string | null; name: string | null };
  reason: string | null;
  from: { roleId: string | null; assigneeId: string | null } | null;
  to: { roleId: string | null; assigneeId: string | null } | null;
  rule?: string | null;
  mapVersion?: number | null;
}

/** Who moved the conversation (or which clock fired), when, and why: oldest first, as the API gives it. */
export function HistoryList({ items }: { items: HistoryItem[] }) {
  const { t, locale } = useI18n();
  const { roleName, personName } = useDirectory();
  if (items.length === 0) return <p className="muted">{t('conversation.history.empty')}</p>;
  const place = (s: HistoryItem['to']) =>
    s ? [roleName(s.roleId) ?? (s.roleId ? '?' : t('conversation.noRole')), personName(s.assigneeId) ?? t('conversation.unassigned')].join(' · ') : '—';

  return (
    <ol className="history-list">
      {items.map((h, i) => (
        <li key={i} className={isSlaLine(h.type) ? 'history-sla' : 'history-move'}>
          <div>
            <strong>{isKnownHistoryType(h.type) ? t(`conversation.history.${h.type}`) : h.type}</strong>{' '}
            <time dateTime={h.at} className="muted">
              {dateTimeOf(h.at, locale)}
            </time>
          </div>
          <div className="muted">
            {t('conversation.history.by', { name: h.actor.name ?? t('conversation.history.system') })}
            {h.rule && ` · ${t('conversation.history.rule', { rule: h.rule })}`}
          </div>
          {!isSlaLine(h.type) && (h.from || h.to) && (
            <div>
              {place(h.from)} → {place(h.to)}
            </div>
          )}
          {h.reason && <div className="history-reason">{h.reason}</div>}
        </li>
      ))}
    </ol>
  );
}
