import { useDirectory } from '../../components/directory';
import { useT } from '../../i18n/i18n';
import type { ChannelView } from './admin-types';
import { ChannelCreated } from './channel-created';
import { ChannelEvents, ChannelStatus } from './channel-events';
import { ChannelForm } from './channel-form';
import { CrudSection } from './crud-section';
import { CopyButton } from './form-kit';

/** Channels: the webhook URL each platform needs, creating and editing their credentials, deliveries and replays. */
export function ChannelsSection() {
  const t = useT();
  const directory = useDirectory();
  return (
    <CrudSection<ChannelView>
      id="channels-title"
      title={t('admin.channels.title')}
      intro={t('admin.channels.intro')}
      addLabel={t('admin.channels.add')}
      emptyText={t('admin.channels.none')}
      path="/api/channels"
      onChanged={directory.refresh}
      columns={[
        { header: t('admin.channels.type'), cell: (c) => t(`channel.${c.type}`) },
        { header: t('admin.channels.name'), cell: (c) => c.name },
        {
          header: t('admin.channels.webhookUrl'),
          cell: (c) => (
            <div className="copy-row">
              <code className="webhook-url">{c.webhookUrl}</code>
              <CopyButton text={c.webhookUrl} label={t('admin.channels.copyWebhook', { name: c.name })} />
            </div>
          ),
        },
        { header: t('admin.channels.status'), cell: (c) => <ChannelStatus channel={c} /> },
      ]}
      form={(channel, onSaved, onCancel) => <ChannelForm channel={channel} onSaved={onSaved} onCancel={onCancel} />}
      created={(channel, onDone) => <ChannelCreated channel={channel} onDone={onDone} />}
      createdNote={(c) => t('admin.channels.created', { name: c.name })}
      editExtra={(channel) => <ChannelEvents channel={channel} />}
      deletion={{
        title: (c) => t('admin.channels.deleteTitle', { name: c.name }),
        explanation: t('admin.channels.deleteExplain'),
      }}
    />
  );
}
