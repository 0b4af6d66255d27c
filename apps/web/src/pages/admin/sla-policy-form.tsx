import { useState, type FormEvent } from 'react';
import { CHANNEL_TYPES, KINDS, PRIORITIES_URGENT_FIRST } from '../../api/types';
import { useSession } from '../../auth/session';
import { useDirectory } from '../../components/directory';
import { NamedOptions } from '../../components/options';
import { useT } from '../../i18n/i18n';
import type { BreachAction, BusinessHours, SlaPolicy } from './admin-types';
import { DurationField } from './duration-field';
import { CheckList, Field, FormActions, FormCard, FormStatus, saveItem, useSubmit } from './form-kit';
import { emptyPolicyForm, policyBody, policyForm, type PolicyForm } from './sla-policy-body';

/** Creates or edits an SLA policy: which conversations it times, its targets, its calendar and when it warns. */
export function SlaPolicyForm({ policy, calendars, onSaved, onCancel }: { policy?: SlaPolicy; calendars: BusinessHours[]; onSaved(policy: SlaPolicy): void; onCancel(): void }) {
  const t = useT();
  const { api } = useSession();
  const { roles } = useDirectory();
  const editing = policy !== undefined;
  const [form, setForm] = useState<PolicyForm>(() => (policy ? policyForm(policy) : emptyPolicyForm()));
  const { busy, error, note, run } = useSubmit();
  const set = <K extends keyof PolicyForm>(key: K, value: PolicyForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = policyBody(form);
    const saved = await run(
      () => saveItem<SlaPolicy>(api, '/api/sla-policies', policy?.id, body),
      (p) => t('admin.sla.saved', { name: p.name }),
    );
    if (saved) onSaved(saved);
  }

  return (
    <FormCard title={editing ? t('admin.sla.editTitle', { name: policy.name }) : t('admin.sla.newTitle')} onSubmit={submit}>
      <Field label={t('admin.sla.name')} required>
        {(p) => <input {...p} value={form.name} onChange={(e) => set('name', e.target.value)} maxLength={100} />}
      </Field>
      <fieldset className="when">
        <legend>{t('admin.sla.when')}</legend>
        <small className="muted">{t('admin.sla.whenHint')}</small>
        <CheckList legend={t('admin.sla.priorities')} options={PRIORITIES_URGENT_FIRST.map((v) => ({ value: v, label: t(`priority.${v}`) }))} selected={form.priorities} onChange={(v) => set('priorities', v)} />
        <CheckList legend={t('admin.sla.channelTypes')} options={CHANNEL_TYPES.map((v) => ({ value: v, label: t(`channel.${v}`) }))} selected={form.channelTypes} onChange={(v) => set('channelTypes', v)} />
        <CheckList legend={t('admin.sla.kinds')} options={KINDS.map((v) => ({ value: v, label: t(`kind.${v}`) }))} selected={form.kinds} onChange={(v) => set('kinds', v)} />
        {roles.length > 0 ? (
          <CheckList legend={t('admin.sla.roles')} hint={t('admin.sla.rolesHint')} options={roles.map((r) => ({ value: r.id, label: r.name }))} selected={form.roleIds} onChange={(v) => set('roleIds', v)} />
        ) : (
          <p className="muted">{t('admin.sla.noRoles')}</p>
        )}
      </fieldset>
      <div className="form-grid">
        <DurationField label={t('admin.sla.firstResponse')} hint={t('admin.sla.firstResponseHint')} required value={form.firstResponse} onChange={(v) => set('firstResponse', v)} />
        <DurationField label={t('admin.sla.nextResponse')} hint={t('admin.sla.nextResponseHint')} value={form.nextResponse} onChange={(v) => set('nextResponse', v)} />
        <DurationField label={t('admin.sla.resolution')} hint={t('admin.sla.resolutionHint')} value={form.resolution} onChange={(v) => set('resolution', v)} />
        <Field label={t('admin.sla.businessHours')} hint={t('admin.sla.businessHoursHint')}>
          {(p) => (
            <select {...p} value={form.businessHoursId} onChange={(e) => set('businessHoursId', e.target.value)}>
              <option value="">{t('admin.sla.wallClock')}</option>
              <NamedOptions items={calendars} label={(c) => `${c.name} (${c.timezone})`} />
            </select>
          )}
        </Field>
        <Field label={t('admin.sla.warnAt')} hint={t('admin.sla.warnAtHint')}>
          {(p) => <input {...p} type="number" min={1} max={100} value={form.warnAtPercent} onChange={(e) => set('warnAtPercent', e.target.value)} />}
        </Field>
        <Field label={t('admin.sla.onBreach')} hint={t(`admin.sla.onBreachHint.${form.onBreach}`)}>
          {(p) => (
            <select {...p} value={form.onBreach} onChange={(e) => set('onBreach', e.target.value as BreachAction)}>
              <option value="notify">{t('admin.sla.onBreach.notify')}</option>
              <option value="escalate">{t('admin.sla.onBreach.escalate')}</option>
            </select>
          )}
        </Field>
      </div>
      {editing && <p className="muted">{t('admin.sla.editNote')}</p>}
      <FormStatus error={error} note={note} />
      <FormActions editing={editing} createLabel={t('admin.sla.create')} busy={busy} onCancel={onCancel} />
    </FormCard>
  );
}
