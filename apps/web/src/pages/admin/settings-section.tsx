import { useEffect, useState, type FormEvent } from 'react';
import { useSession } from '../../auth/session';
import { Loaded } from '../../components/feedback';
import { useResource } from '../../components/use-resource';
import { useT } from '../../i18n/i18n';
import type { WorkspaceSettings } from './admin-types';
import { Field, FormActions, FormStatus, TimeZoneSelect, useSubmit } from './form-kit';

/**
 * The workspace's time zone (report days and hours) and its consistency target: in every day or week, at least this
 * share of first responses on time. The share is typed as a percentage; the API takes 0–1.
 */
export function SettingsSection() {
  const t = useT();
  const { api } = useSession();
  const settings = useResource<WorkspaceSettings>('/api/workspace/settings');
  const [timezone, setTimezone] = useState('UTC');
  const [period, setPeriod] = useState<'day' | 'week'>('day');
  const [percent, setPercent] = useState('90');
  const { busy, error, note, run } = useSubmit();

  useEffect(() => {
    if (!settings.data) return;
    setTimezone(settings.data.timezone);
    setPeriod(settings.data.consistency.period);
    setPercent(String(Math.round(settings.data.consistency.minAttainment * 1000) / 10));
  }, [settings.data]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const share = Number(percent.replace(',', '.'));
    // A percentage that is not a number goes as typed: the server names the problem.
    const minAttainment = percent.trim() !== '' && Number.isFinite(share) ? Math.round(share * 10) / 1000 : percent;
    const saved = await run(() => api<WorkspaceSettings>('/api/workspace/settings', { method: 'PUT', body: { timezone, consistency: { period, minAttainment } } }), t('admin.settings.saved'));
    if (saved) settings.setData(saved);
  }

  return (
    <section aria-labelledby="settings-title" className="admin-section">
      <h2 id="settings-title">{t('admin.settings.title')}</h2>
      <p className="muted">{t('admin.settings.intro')}</p>
      <Loaded resource={settings}>
        {() => (
          <form className="card admin-form" onSubmit={submit} noValidate aria-labelledby="settings-title">
            <div className="form-grid">
              <Field label={t('admin.timezone')} hint={t('admin.settings.timezoneHint')}>
                {(p) => <TimeZoneSelect id={p.id} value={timezone} onChange={setTimezone} describedBy={p['aria-describedby']} />}
              </Field>
              <Field label={t('admin.settings.period')} hint={t('admin.settings.periodHint')}>
                {(p) => (
                  <select {...p} value={period} onChange={(e) => setPeriod(e.target.value as 'day' | 'week')}>
                    <option value="day">{t('admin.settings.period.day')}</option>
                    <option value="week">{t('admin.settings.period.week')}</option>
                  </select>
                )}
              </Field>
              <Field label={t('admin.settings.minAttainment')} hint={t('admin.settings.minAttainmentHint')}>
                {(p) => <input {...p} type="number" min={0} max={100} step="any" value={percent} onChange={(e) => setPercent(e.target.value)} />}
              </Field>
            </div>
            <FormStatus error={error} note={note} />
            <FormActions editing busy={busy} />
          </form>
        )}
      </Loaded>
    </section>
  );
}
