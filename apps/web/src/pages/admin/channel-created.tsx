import { useId } from 'react';
import { useT, type MessageKey } from '../../i18n/i18n';
import type { ChannelView } from './admin-types';
import { registerKey, registrationUrl } from './channel-fields';
import { CopyButton } from './form-kit';

/**
 * Shown once a channel exists: the webhook URL to register with the platform, what else to register, and the warning
 * that the secrets just typed cannot be read back.
 */
export function ChannelCreated({ channel, onDone }: { channel: ChannelView; onDone(): void }) {
  const t = useT();
  const urlId = useId();
  const platform = t(`channel.${channel.type}`);
  const extra = registrationUrl(channel.type, channel.webhookUrl, {
    botToken: t('admin.channels.placeholder.botToken'),
    secretToken: t('admin.channels.placeholder.secretToken'),
    inboundToken: t('admin.channels.placeholder.inboundToken'),
  });
  return (
    <section className="card created-channel" aria-labelledby={`${urlId}-title`}>
      <h3 id={`${urlId}-title`}>{t('admin.channels.created', { name: channel.name })}</h3>
      <div className="admin-field">
        <label htmlFor={urlId}>{t('admin.channels.webhookUrl')}</label>
        <div className="copy-row">
          <input id={urlId} className="webhook-url" readOnly value={channel.webhookUrl} onFocus={(e) => e.target.select()} />
          <CopyButton text={channel.webhookUrl} label={t('admin.channels.copyWebhook', { name: channel.name })} />
        </div>
      </div>
      <p className="note note-warning">{t('admin.channels.secretsOnce')}</p>
      <h4>{t('admin.channels.registerTitle', { platform })}</h4>
      <p>{t(registerKey(channel.type) as MessageKey)}</p>
      {extra && (
        <div className="admin-field">
          <span>{t(channel.type === 'email' ? 'admin.channels.basicAuthUrl' : 'admin.channels.setWebhookCall')}</span>
          <div className="copy-row">
            <code className="block">{extra}</code>
            <CopyButton text={extra} label={t(channel.type === 'email' ? 'admin.channels.basicAuthUrl' : 'admin.channels.setWebhookCall')} />
          </div>
        </div>
      )}
      <div className="form-actions">
        <button type="button" className="primary" onClick={onDone}>
          {t('admin.done')}
        </button>
      </div>
    </section>
  );
}
