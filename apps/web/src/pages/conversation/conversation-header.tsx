import { PRIORITIES, type Conversation, type Status } from '../../api/types';
import { useDirectory } from '../../components/directory';
import { ValueOptions } from '../../components/options';
import { SlaClock } from '../../components/sla-clock';
import { useI18n } from '../../i18n/i18n';
import type { Abilities } from './abilities';
import { AssignmentActions } from './assignment-actions';
import { dateTimeOf, numberOf } from './dates';
import type { Viewer } from './reply-logic';
import { StatusActions } from './status-actions';
import { TagsEditor } from './tags-editor';
import { ViewersLine } from './viewers-line';

export interface HeaderProps {
  conversation: Conversation;
  abilities: Abilities;
  busy: boolean;
  viewers: Viewer[];
  panelOpen: boolean;
  onTogglePanel(): void;
  onClose?: () => void;
  onStatus(status: Status, snoozeUntil?: Date): Promise<boolean>;
  onTake(): Promise<boolean>;
  onEdit(path: string, body: unknown, method?: 'POST' | 'PUT'): Promise<boolean>;
}

/** Who, where, about what, in which state, whose: and the buttons that change it. */
export function ConversationHeader({ conversation: c, abilities, busy, viewers, panelOpen, onTogglePanel, onClose, onStatus, onTake, onEdit }: HeaderProps) {
  const { t, locale } = useI18n();
  const { roleName, personName, channelName } = useDirectory();
  const contact = c.contact;
  const title = contact?.name ?? contact?.username ?? t('conversation.unknownContact');
  const context = c.context?.title || c.context?.url ? c.context : null;

  return (
    <header className="conv-header">
      <div className="conv-title-row">
        <h2 className="conv-title">
          {title}
          {contact?.username && contact.name && <span className="conv-username">@{contact.username}</span>}
        </h2>
        <SlaClock conversation={c} />
        <span className="conv-title-tools">
          <button type="button" aria-expanded={panelOpen} aria-controls="conversation-contact-panel" onClick={onTogglePanel} title={panelOpen ? t('conversation.panel.hide') : t('conversation.panel.showHint')}>
            {t('conversation.panel.show')}
          </button>
          {onClose && (
            <button type="button" className="icon" aria-label={t('conversation.close')} title={t('conversation.close')} onClick={onClose}>
              ×
            </button>
          )}
        </span>
      </div>

      <ul className="conv-facts" aria-label={t('conversation.facts')}>
        {context ? (
          <li className="conv-context">
            {t('conversation.context.on')}{' '}
            {context.url ? (
              <a href={context.url} target="_blank" rel="noopener noreferrer">
                {context.title || context.url}
              </a>
            ) : (
              context.title
            )}
          </li>
        ) : (
          c.subject && <li className="conv-context">{c.subject}</li>
        )}
        {contact?.followers != null && <li className="conv-followers">{t('followers', { count: numberOf(contact.followers, locale) })}</li>}
        <li className="pill">{channelName(c.channelId) ?? t(`channel.${c.channelType}`)}</li>
        <li className="pill">{t(`kind.${c.kind}`)}</li>
        <li className={`pill status-${c.status}`} data-testid="conversation-status">
          {t(`status.${c.status}`)}
          {c.status === 'snoozed' && c.snoozedUntil && ` ${t('conversation.status.until', { time: dateTimeOf(c.snoozedUntil, locale) })}`}
        </li>
        {c.sentiment && <li className={`pill sentiment-${c.sentiment}`}>{t(`sentiment.${c.sentiment}`)}</li>}
        {c.language && <li className="pill">{c.language.toUpperCase()}</li>}
        <li className="conv-who">
          {t('conversation.role')}: <strong>{roleName(c.roleId) ?? t('conversation.noRole')}</strong>
        </li>
        <li className="conv-who">
          {t('conversation.assignee')}: <strong data-testid="conversation-assignee">{personName(c.assigneeId) ?? t('conversation.unassigned')}</strong>
        </li>
      </ul>

      <div className="conv-toolbar">
        {abilities.changeStatus && <StatusActions status={c.status} busy={busy} onStatus={onStatus} />}
        <AssignmentActions abilities={abilities} busy={busy} onTake={onTake} onPick={(choice) => onEdit('assignment', choice)} />
        {abilities.editPriority ? (
          <label className="inline-field">
            {t('conversation.priority')}
            <select value={c.priority} disabled={busy} onChange={(e) => void onEdit('priority', { priority: e.target.value })}>
              <ValueOptions values={PRIORITIES} label={(p) => t(`priority.${p}`)} />
            </select>
          </label>
        ) : (
          <span className={`pill priority-${c.priority}`}>
            {t('conversation.priority')}: {t(`priority.${c.priority}`)}
          </span>
        )}
        <TagsEditor tags={c.tags} editable={abilities.editTags} busy={busy} onSave={(tags) => onEdit('tags', { tags }, 'PUT')} />
      </div>
      <ViewersLine viewers={viewers} />
    </header>
  );
}
