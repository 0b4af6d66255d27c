import { useState, type FormEvent } from 'react';
import { useSession } from '../../auth/session';
import { useT } from '../../i18n/i18n';
import type { Workspace } from './admin-types';
import { Field, FormActions, FormCard, FormStatus, TimeZoneSelect, useSubmit } from './form-kit';
import { browserTimeZone } from './time-zones';

/** A new, fully separate workspace (another brand or market) whose creator is its admin. */
export function WorkspaceForm() {
  const t = useT();
  const { api, switchWorkspace } = useSession();
  const [name, setName] = useState('');
  const [timezone, setTimezone] = useState(browserTimeZone);
  const [created, setCreated] = useState<Workspace | null>(null);
  const { busy, error, note, run } = useSubmit();
  const switching = useSubmit();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const workspace = await run(() => api<Workspace>('/api/workspaces', { body: { name, timezone } }), (w) => t('admin.workspaces.created', { name: w.name }));
    if (workspace) {
      setCreated(workspace);
      setName('');
    }
  }

  return (
    <FormCard title={t('admin.workspaces.title')} onSubmit={submit}>
      <p className="muted">{t('admin.workspaces.intro')}</p>
      <div className="form-grid">
        <Field label={t('admin.workspaces.name')} required>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label={t('admin.timezone')} hint={t('admin.workspaces.timezoneHint')}>
          {(p) => <TimeZoneSelect id={p.id} value={timezone} onChange={setTimezone} describedBy={p['aria-describedby']} />}
        </Field>
      </div>
      <FormStatus error={error} note={note} />
      {created && (
        <p className="note note-info">
          {t('admin.workspaces.switchHint', { name: created.name })}{' '}
          <button type="button" className="link" onClick={() => void switching.run(() => switchWorkspace(created.id))} disabled={switching.busy}>
            {t('admin.workspaces.switchNow', { name: created.name })}
          </button>
        </p>
      )}
      <FormStatus error={switching.error} />
      <FormActions editing={false} createLabel={t('admin.workspaces.create')} busy={busy} />
    </FormCard>
  );
}
