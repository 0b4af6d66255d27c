import { useState } from 'react';
import type { Conversation } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { dateTimeOf, timeOf } from './dates';
import { HeldReplyActions } from './held-reply-actions';
import { quoteOf, type ThreadMessage } from './thread-logic';

/**
 * One message. Customer messages sit left, replies right with their delivery status, notes full-width in yellow
 * and labelled, so a note is never mistaken for something the customer saw. Edits and deletions stay readable.
 */
export function MessageItem({ message: m, parent, conversation, canDecide, onMessage }: { message: ThreadMessage; parent: ThreadMessage | null; conversation: Conversation; canDecide: boolean; onMessage(m: ThreadMessage): void }) {
  const { t, locale } = useI18n();
  const [history, setHistory] = useState(false);
  const contactName = conversation.contact?.name ?? conversation.contact?.username ?? t('conversation.unknownContact');
  const author =
    m.direction === 'inbound' ? (m.author.name ?? contactName) : m.author.type === 'business' ? t('conversation.msg.business') : (m.author.name ?? t('conversation.msg.someone'));
  const kindLabel = m.direction === 'note' ? t('conversation.msg.note') : m.direction === 'outbound' ? t('conversation.msg.reply') : t('conversation.msg.customer');
  const parentAuthor = parent ? (parent.direction === 'inbound' ? (parent.author.name ?? contactName) : (parent.author.name ?? t('conversation.msg.someone'))) : '';

  return (
    <li className={`msg msg-${m.direction}${m.deleted ? ' msg-deleted' : ''}`} data-message-id={m.id}>
      <article aria-label={`${kindLabel}: ${author}`}>
        <div className="msg-head">
          {m.direction === 'note' && <span className="msg-note-label">{t('conversation.msg.note')}</span>}
          <span className="msg-author">{author}</span>
          <time dateTime={m.createdAt} title={dateTimeOf(m.createdAt, locale)}>
            {timeOf(m.createdAt, locale)}
          </time>
          {m.edited && (
            <button type="button" className="link msg-edited" aria-expanded={history} onClick={() => setHistory((h) => !h)} title={t('conversation.msg.editedHint')}>
              {t('conversation.msg.edited')}
            </button>
          )}
        </div>
        {parent && (
          <blockquote className="msg-parent">
            <span className="muted">{t('conversation.msg.inReplyTo', { name: parentAuthor })}</span> “{quoteOf(parent.text)}”
          </blockquote>
        )}
        {m.deleted && (
          <p className="msg-deleted-label">
            {m.direction === 'inbound' ? t('conversation.msg.deletedByCustomer') : t('conversation.msg.deletedOnPlatform')}
            {m.deletedAt && ` · ${dateTimeOf(m.deletedAt, locale)}`}
          </p>
        )}
        <p className="msg-text">{m.text}</p>
        {history && m.previousTexts.length > 0 && (
          <ol className="msg-history" aria-label={t('conversation.msg.previous')}>
            {m.previousTexts.map((p, i) => (
              <li key={i}>
                <span className="muted">{t('conversation.msg.replacedAt', { time: dateTimeOf(p.replacedAt, locale) })}</span>
                <p>{p.text}</p>
              </li>
            ))}
          </ol>
        )}
        {m.direction === 'outbound' && <DeliveryLine message={m} />}
        {m.deliveryStatus === 'held' && canDecide && <HeldReplyActions message={m} onDecided={onMessage} />}
      </article>
    </li>
  );
}

/** Where a reply is: queued → sent → delivered → read, failed with the platform's reason, or held / rejected by the policy. */
function DeliveryLine({ message: m }: { message: ThreadMessage }) {
  const { t, locale } = useI18n();
  const status = m.deliveryStatus;
  const hold = m.hold;
  return (
    <div className="msg-delivery">
      {status && (
        <span className={`delivery delivery-${status}`} data-delivery={status}>
          {t(`conversation.delivery.${status}`)}
        </span>
      )}
      {status === 'failed' && m.deliveryError && <span className="delivery-error">{m.deliveryError}</span>}
      {status === 'held' && hold && <span className="hold-reason">{hold.reason}</span>}
      {status === 'rejected' && hold?.decidedBy && (
        <span className="hold-reason">
          {t('conversation.hold.rejectedBy', { name: hold.decidedBy.name })}
          {hold.decisionNote ? `: ${hold.decisionNote}` : ''}
        </span>
      )}
      {status !== 'held' && status !== 'rejected' && hold?.decidedBy && (
        <span className="muted">{t('conversation.hold.approvedBy', { name: hold.decidedBy.name, time: hold.decidedAt ? dateTimeOf(hold.decidedAt, locale) : '' })}</span>
      )}
      {m.policyWarnings && m.policyWarnings.length > 0 && (
        <span className="policy-warnings">{t('conversation.policy.carried', { terms: m.policyWarnings.join(', ') })}</span>
      )}
    </div>
  );
}
