import { useEffect, useRef, useState } from 'react';
import { query } from '../../api/client';
import type { Conversation } from '../../api/types';
import { href } from '../../app/router';
import { ErrorNote, Loaded, Loading } from '../../components/feedback';
import { useResource } from '../../components/use-resource';
import { useI18n } from '../../i18n/i18n';
import { dateTimeOf, numberOf } from './dates';
import { closeOnEscape } from './escape';
import { HistoryList, type HistoryItem } from './history-list';
import { isChannelType, pastConversations } from './panel-logic';

interface Contact {
  id: string;
  name: string | null;
  username: string | null;
  followers: number | null;
  email: string | null;
  identities: Array<{ platform: string; externalId: string; name: string | null; username: string | null; followers: number | null }>;
  createdAt: string;
}

/**
 * The customer beyond this thread: their accounts on every platform, their earlier conversations, and how this
 * conversation was routed, assigned and timed. Beside the thread on a wide screen, a drawer over it on a tablet.
 */
export function ContactPanel({ conversation, drawer, onClose }: { conversation: Conversation; drawer: boolean; onClose(): void }) {
  const { t } = useI18n();
  const contactId = conversation.contact?.id ?? null;

  return (
    <aside id="conversation-contact-panel" className={`contact-panel${drawer ? ' drawer' : ''}`} aria-label={t('conversation.panel.label')} onKeyDown={drawer ? closeOnEscape(onClose) : undefined}>
      <div className="panel-head">
        <h3>{t('conversation.panel.label')}</h3>
        <button type="button" className="icon" aria-label={t('conversation.panel.hide')} title={t('conversation.panel.hide')} onClick={onClose}>
          ×
        </button>
      </div>
      {contactId ? <ContactDetails contactId={contactId} conversationId={conversation.id} /> : <p className="muted">{t('conversation.panel.noContact')}</p>}
      <HistorySection conversation={conversation} />
    </aside>
  );
}

function ContactDetails({ contactId, conversationId }: { contactId: string; conversationId: string }) {
  const { t, locale } = useI18n();
  const contact = useResource<Contact>(`/api/contacts/${contactId}`);
  const past = useResource<{ items: Conversation[] }>(`/api/conversations${query({ contactId, limit: 10 })}`);
  const others = pastConversations(past.data?.items ?? [], conversationId);
  const c = contact.data;

  return (
    <>
      <section className="panel-section" aria-label={t('conversation.panel.details')}>
        <Loaded resource={contact}>
          {(c) => (
            <dl className="contact-facts">
              <div>
                <dt>{t('conversation.panel.name')}</dt>
                <dd>{c.name ?? '—'}</dd>
              </div>
              {c.username && (
                <div>
                  <dt>{t('conversation.panel.username')}</dt>
                  <dd>@{c.username}</dd>
                </div>
              )}
              {c.followers != null && (
                <div>
                  <dt>{t('conversation.panel.followers')}</dt>
                  <dd>{numberOf(c.followers, locale)}</dd>
                </div>
              )}
              {c.email && (
                <div>
                  <dt>{t('conversation.panel.email')}</dt>
                  <dd>
                    <a href={`mailto:${c.email}`}>{c.email}</a>
                  </dd>
                </div>
              )}
              <div>
                <dt>{t('conversation.panel.since')}</dt>
                <dd>{dateTimeOf(c.createdAt, locale)}</dd>
              </div>
            </dl>
          )}
        </Loaded>
      </section>
      {c && (
        <section className="panel-section">
          <h4>{t('conversation.panel.identities')}</h4>
          <ul className="identities">
            {c.identities.map((i) => (
              <li key={`${i.platform}:${i.externalId}`}>
                <span className="pill">{isChannelType(i.platform) ? t(`channel.${i.platform}`) : i.platform}</span>{' '}
                {i.username ? `@${i.username}` : (i.name ?? i.externalId)}
                {i.followers != null && <span className="muted"> · {t('followers', { count: numberOf(i.followers, locale) })}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="panel-section">
        <h4>{t('conversation.panel.past')}</h4>
        <Loaded resource={past}>
          {() =>
            others.length === 0 ? (
              <p className="muted">{t('conversation.panel.noPast')}</p>
            ) : (
              <ul className="past-list">
                {others.map((p) => (
                  <li key={p.id}>
                    <a href={href(`/inbox/${p.id}`)}>{p.preview || p.subject || `${t(`channel.${p.channelType}`)} · ${t(`kind.${p.kind}`)}`}</a>
                    <span className="muted">
                      {' '}
                      {t(`status.${p.status}`)} · {dateTimeOf(p.lastMessageAt, locale)}
                    </span>
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      </section>
    </>
  );
}

/** Routing, assignment and SLA events, loaded when opened and again whenever the conversation moves or its clock fires. */
function HistorySection({ conversation }: { conversation: Conversation }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const history = useResource<{ items: HistoryItem[] }>(open ? `/api/conversations/${conversation.id}/history` : null);
  const { reload } = history;
  // Opening loads it (the path appears); a move or an SLA event while open loads it again.
  const moved = `${conversation.version}|${conversation.sla.state}`;
  const loadedFor = useRef(moved);
  useEffect(() => {
    if (open && loadedFor.current !== moved) reload();
    loadedFor.current = moved;
  }, [open, moved, reload]);

  return (
    <details className="panel-section history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('conversation.history.title')}</summary>
      {history.error ? <ErrorNote error={history.error} onRetry={reload} /> : !history.data ? open && <Loading /> : <HistoryList items={history.data.items} />}
    </details>
  );
}
