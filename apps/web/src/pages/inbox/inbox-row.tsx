import { memo } from 'react';
import type { Conversation } from '../../api/types';
import { useDirectory } from '../../components/directory';
import { SlaClock } from '../../components/sla-clock';
import { useNow } from '../../components/use-now';
import { useI18n } from '../../i18n/i18n';
import { ageOf } from './age';

export interface RowProps {
  conversation: Conversation;
  href: string;
  open: boolean;
  flash: boolean;
  unread: boolean;
  departed: boolean;
  /** The status pill, when the list is not filtered to one status (or this row's status left it). */
  showStatus: boolean;
  /** Present for leads and admins: the row has a checkbox for bulk reassignment. */
  selected?: boolean;
  onToggle?(id: string): void;
}

/** "2 min ago" in the chosen language, ticking with the shared clock; the exact time on hover. */
function LastActivity({ at }: { at: string }) {
  const { t, locale } = useI18n();
  const now = useNow();
  const then = Date.parse(at);
  const age = ageOf(then, now);
  const exact = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(then);
  const text =
    age.kind === 'now'
      ? t('inbox.row.justNow')
      : age.kind === 'relative'
        ? new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' }).format(-age.value, age.unit)
        : new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }).format(then);
  return (
    <time className="inbox-row-age" dateTime={at} title={t('inbox.row.lastActivity', { time: exact })}>
      {text}
    </time>
  );
}

/**
 * One conversation in the list: the channel's mark, the contact and followers, the last activity; the first line of
 * the latest customer message; channel, kind, priority, sentiment and status (when the list is not filtered to it);
 * role and assignee, and the live SLA clock. The whole row is one link whose name says who, where and what; the
 * checkbox beside it selects it for bulk reassignment.
 */
export const InboxRow = memo(function InboxRow({ conversation: c, href, open, flash, unread, departed, showStatus, selected, onToggle }: RowProps) {
  const { t, locale } = useI18n();
  const { roleName, personName, channelName } = useDirectory();
  const contact = c.contact?.name ?? (c.contact?.username ? `@${c.contact.username}` : t('inbox.row.unknownContact'));
  const text = c.preview ?? c.subject ?? '';
  const channel = t(`channel.${c.channelType}`);
  const kind = t(`kind.${c.kind}`);
  const label = t('inbox.row.label', { contact, channel, kind: kind.toLowerCase(), text: text || t('inbox.row.noText') });
  // An agent knows the names of their roles' members only; someone else holding it is still not "unassigned".
  const assignee = c.assigneeId ? (personName(c.assigneeId) ?? t('inbox.row.otherAgent')) : t('assign.unassign');
  const owner = `${roleName(c.roleId) ?? t('inbox.row.noRole')} · ${assignee}`;
  const classes = ['inbox-row', open && 'is-open', flash && 'is-new', unread && 'is-unread', departed && 'is-departed', selected && 'is-selected'].filter(Boolean).join(' ');
  return (
    <li className={classes} data-conversation-id={c.id}>
      {onToggle && (
        <input
          type="checkbox"
          className="inbox-row-check"
          checked={!!selected}
          onChange={() => onToggle(c.id)}
          aria-label={t('inbox.row.select', { contact })}
        />
      )}
      <a className="inbox-row-link" href={href} aria-label={label} aria-describedby={`row-meta-${c.id} row-bottom-${c.id}`} aria-current={open ? 'true' : undefined}>
        <span className="inbox-row-top">
          <span className={`channel-mark channel-${c.channelType}`} title={channelName(c.channelId) ?? channel} aria-hidden="true">
            {t(`inbox.channelMark.${c.channelType}`)}
          </span>
          <span className="inbox-row-contact">
            <strong>{contact}</strong>
            {c.contact?.name && c.contact.username && <span className="muted"> @{c.contact.username}</span>}
            {c.contact?.followers != null && <span className="muted"> · {t('followers', { count: c.contact.followers.toLocaleString(locale) })}</span>}
          </span>
          {unread && <span className="unread-dot" title={t('inbox.row.unread')} />}
          <LastActivity at={c.lastMessageAt} />
        </span>
        <span className="inbox-row-text">{text || <span className="muted">{t('inbox.row.noText')}</span>}</span>
        {/* The link's name is who, where and what; these two say the rest to a screen reader as its description. */}
        <span className="inbox-row-meta" id={`row-meta-${c.id}`}>
          <span className="inbox-row-channel muted">
            {channelName(c.channelId) ?? channel} · {kind}
          </span>
          <span className={`pill priority-${c.priority}`}>{t(`priority.${c.priority}`)}</span>
          {c.sentiment && <span className={`pill sentiment-${c.sentiment}`}>{t(`sentiment.${c.sentiment}`)}</span>}
          {showStatus && <span className={`pill status-${c.status}`}>{t(`status.${c.status}`)}</span>}
        </span>
        <span className="inbox-row-bottom" id={`row-bottom-${c.id}`}>
          <span className="inbox-row-owner muted" title={owner}>
            {owner}
          </span>
          {departed ? <span className="pill">{t('inbox.row.departed')}</span> : <SlaClock conversation={c} />}
        </span>
      </a>
    </li>
  );
});
