import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { CHANNEL_TYPES, KINDS, type ChannelType, type Kind } from '../../api/types';
import { useSession } from '../../auth/session';
import { useDirectory } from '../../components/directory';
import { ErrorNote } from '../../components/feedback';
import { NamedOptions, ValueOptions } from '../../components/options';
import { useI18n } from '../../i18n/i18n';
import type { DryRunResult } from './team-types';

/**
 * Who would get a message, and why. The API's dry run reads the saved map only (it takes no draft), so the panel
 * says which version it tests and warns while the editor holds unsaved changes.
 */
export function DryRunPanel({ savedVersion, dirty }: { savedVersion: number; dirty: boolean }) {
  const { t } = useI18n();
  const { api } = useSession();
  const { channels, roleName } = useDirectory();
  const [channelId, setChannelId] = useState('');
  const [channelType, setChannelType] = useState<ChannelType>(channels[0]?.type ?? 'facebook');
  const [kind, setKind] = useState<Kind>('comment');
  const [text, setText] = useState('');
  const [followers, setFollowers] = useState('');
  const [result, setResult] = useState<DryRunResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function run(event?: FormEvent) {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const count = followers.trim();
      setResult(
        await api<DryRunResult>('/api/responsibility-map/dry-run', {
          body: { channelType, kind, text, ...(count !== '' ? { followers: Number(count) } : {}), ...(channelId ? { channelId } : {}) },
        }),
      );
    } catch (e) {
      setResult(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function pickChannel(id: string) {
    setChannelId(id);
    const channel = channels.find((c) => c.id === id);
    if (channel) setChannelType(channel.type);
  }

  const onKey = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') void run();
  };

  return (
    <section className="card dry-run" aria-labelledby="dry-run-title">
      <h2 id="dry-run-title">{t('team.dry.title')}</h2>
      <p className="hint" data-testid="dry-run-scope">
        {savedVersion > 0 ? t('team.dry.scope', { version: savedVersion }) : t('team.dry.noMap')}
      </p>
      {dirty && (
        <p className="note note-warning" data-testid="dry-run-unsaved">
          {t('team.dry.unsaved')}
        </p>
      )}
      <form onSubmit={run} className="dry-run-form">
        <label>
          {t('team.dry.channel')}
          <select value={channelId} onChange={(e) => pickChannel(e.target.value)}>
            <option value="">{t('team.dry.anyChannel')}</option>
            <NamedOptions items={channels} />
          </select>
        </label>
        <div className="row">
          <label>
            {t('team.dry.channelType')}
            <select value={channelType} onChange={(e) => setChannelType(e.target.value as ChannelType)} disabled={channelId !== ''}>
              <ValueOptions values={CHANNEL_TYPES} label={(c) => t(`channel.${c}`)} />
            </select>
          </label>
          <label>
            {t('team.dry.kind')}
            <select value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              <ValueOptions values={KINDS} label={(k) => t(`kind.${k}`)} />
            </select>
          </label>
          <label>
            {t('team.dry.followers')}
            <input type="number" min={0} step={1} inputMode="numeric" value={followers} onChange={(e) => setFollowers(e.target.value)} placeholder={t('team.dry.unknown')} />
          </label>
        </div>
        <label>
          {t('team.dry.text')}
          <textarea value={text} rows={3} maxLength={50000} onChange={(e) => setText(e.target.value)} onKeyDown={onKey} placeholder={t('team.dry.textHint')} />
        </label>
        <button type="submit" className="primary" disabled={busy || text.trim() === ''}>
          {t('team.dry.run')}
        </button>
      </form>
      <ErrorNote error={error} />
      <div aria-live="polite" data-testid="dry-run-result">
        {result && (
          <dl className="dry-run-result">
            <div>
              <dt>{t('team.dry.role')}</dt>
              <dd className="dry-role">{result.roleId ? (roleName(result.roleId) ?? result.roleId) : t('team.dry.noRole')}</dd>
            </div>
            <div>
              <dt>{t('team.dry.rule')}</dt>
              <dd className="dry-rule">{result.rule ?? (result.roleId ? t('team.dry.defaultRole') : '—')}</dd>
            </div>
            <div>
              <dt>{t('team.dry.priority')}</dt>
              <dd>
                <span className={`pill priority-${result.priority}`}>{t(`priority.${result.priority}`)}</span>
              </dd>
            </div>
            <div>
              <dt>{t('team.dry.language')}</dt>
              <dd>{result.language ?? t('team.dry.undetected')}</dd>
            </div>
            <div>
              <dt>{t('team.dry.sentiment')}</dt>
              <dd>{result.sentiment ? <span className={`pill sentiment-${result.sentiment}`}>{t(`sentiment.${result.sentiment}`)}</span> : t('team.dry.undetected')}</dd>
            </div>
            {result.matchedKeywords.length > 0 && (
              <div>
                <dt>{t('team.dry.keywords')}</dt>
                <dd>{result.matchedKeywords.join(', ')}</dd>
              </div>
            )}
            {result.tags.length > 0 && (
              <div>
                <dt>{t('team.dry.tags')}</dt>
                <dd>{result.tags.join(', ')}</dd>
              </div>
            )}
            <div>
              <dt>{t('team.dry.version')}</dt>
              <dd>{result.mapVersion === null ? t('team.dry.noMapShort') : t('team.map.versionN', { version: result.mapVersion })}</dd>
            </div>
          </dl>
        )}
      </div>
    </section>
  );
}
