import { useState } from 'react';
import { query } from '../../api/client';
import { useSession } from '../../auth/session';
import { Loaded } from '../../components/feedback';
import { useResource } from '../../components/use-resource';
import { useT } from '../../i18n/i18n';
import type { ChannelEvent, ChannelEventStatus, ChannelView, Items } from './admin-types';
import { FormStatus, useFormatDate, useSubmit } from './form-kit';
import { ItemTable } from './item-table';

const STATUS_TONE: Record<ChannelEventStatus, string> = { processed: 'tone-ok', pending: 'tone-warning', failed: 'tone-breached' };

/**
 * A channel's health in the list: a polling error (YouTube) or deliveries that failed after their retries, else
 * "receiving". One small request per channel; a desk has a handful of them.
 */
export function ChannelStatus({ channel }: { channel: ChannelView }) {
  const t = useT();
  const failed = useResource<Items<ChannelEvent>>(`/api/channels/${channel.id}/events?status=failed&limit=200`);
  if (channel.pollError) {
    return (
      <span className="pill tone-breached" title={channel.pollError}>
        {t('admin.channels.status.pollError')}
      </span>
    );
  }
  const count = failed.data?.items.length ?? 0;
  if (count > 0) return <span className="pill tone-breached">{t('admin.channels.status.failed', { count: count >= 200 ? '200+' : count })}</span>;
  return <span className="pill tone-ok">{t('admin.channels.status.ok')}</span>;
}

/** The channel's recent deliveries, newest first, and a way to process the failed ones again. */
export function ChannelEvents({ channel }: { channel: ChannelView }) {
  const t = useT();
  const { api } = useSession();
  const formatDate = useFormatDate();
  const [status, setStatus] = useState<'' | ChannelEventStatus>('');
  const events = useResource<Items<ChannelEvent>>(`/api/channels/${channel.id}/events${query({ status, limit: 20 })}`);
  const { busy, error, note, run } = useSubmit();

  async function replay(eventId?: string) {
    const path = eventId ? `/api/channels/${channel.id}/events/${eventId}/replay` : `/api/channels/${channel.id}/events/replay`;
    const answer = await run(() => api<{ replayed: number }>(path, { method: 'POST' }), (a) => t('admin.events.replayed', { count: a.replayed }));
    if (answer) events.reload();
  }

  return (
    <section className="card" aria-labelledby="channel-events-title">
      <div className="section-head">
        <h3 id="channel-events-title">{t('admin.events.title', { name: channel.name })}</h3>
        <label className="inline-field">
          {t('admin.events.filter')}
          <select value={status} onChange={(e) => setStatus(e.target.value as '' | ChannelEventStatus)}>
            <option value="">{t('admin.events.all')}</option>
            <option value="failed">{t('admin.events.status.failed')}</option>
            <option value="pending">{t('admin.events.status.pending')}</option>
            <option value="processed">{t('admin.events.status.processed')}</option>
          </select>
        </label>
        <button type="button" onClick={() => void replay()} disabled={busy}>
          {t('admin.events.replayFailed')}
        </button>
        <button type="button" onClick={events.reload}>
          {t('admin.refresh')}
        </button>
      </div>
      <p className="muted">{t('admin.events.intro')}</p>
      <FormStatus error={error} note={note} />
      <Loaded resource={events}>
        {({ items }) => (
          <ItemTable
            items={items}
            emptyText={t('admin.events.none')}
            columns={[
              { header: t('admin.events.received'), cell: (e) => formatDate(e.receivedAt) },
              { header: t('admin.events.source'), cell: (e) => t(`admin.events.source.${e.source}`) },
              { header: t('admin.events.status'), cell: (e) => <span className={`pill ${STATUS_TONE[e.status]}`}>{t(`admin.events.status.${e.status}`)}</span> },
              { header: t('admin.events.attempts'), cell: (e) => e.attempts },
              { header: t('admin.events.messages'), cell: (e) => e.events ?? '—' },
              { header: t('admin.events.error'), cell: (e) => e.lastError ?? '', className: 'wrap' },
            ]}
            actions={(e) =>
              e.status === 'failed' && (
                <button type="button" onClick={() => void replay(e.id)} disabled={busy} aria-label={t('admin.events.replayOne', { time: formatDate(e.receivedAt) })}>
                  {t('admin.events.replay')}
                </button>
              )
            }
          />
        )}
      </Loaded>
    </section>
  );
}
