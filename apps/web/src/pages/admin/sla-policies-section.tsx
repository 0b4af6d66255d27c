import { useSession } from '../../auth/session';
import { useDirectory } from '../../components/directory';
import { useResource } from '../../components/use-resource';
import { useT } from '../../i18n/i18n';
import type { BusinessHours, Items, SlaPolicy } from './admin-types';
import { CrudSection } from './crud-section';
import { useDurationText } from './duration-field';
import { FormStatus, useSubmit } from './form-kit';
import { SlaPolicyForm } from './sla-policy-form';

/** SLA policies in the order they are tried, their targets, and re-matching the open conversations after a change. */
export function SlaPoliciesSection() {
  const t = useT();
  const { api } = useSession();
  const { roleName } = useDirectory();
  const duration = useDurationText();
  const calendars = useResource<Items<BusinessHours>>('/api/business-hours');
  const reapply = useSubmit();
  const calendarName = (id: string | null) => (id ? (calendars.data?.items.find((c) => c.id === id)?.name ?? id) : t('admin.sla.wallClock'));

  function appliesTo(p: SlaPolicy): string {
    const parts = [
      ...(p.when.priorities ?? []).map((v) => t(`priority.${v}`)),
      ...(p.when.channelTypes ?? []).map((v) => t(`channel.${v}`)),
      ...(p.when.kinds ?? []).map((v) => t(`kind.${v}`)),
      ...(p.when.roleIds ?? []).map((id) => roleName(id) ?? id),
    ];
    return parts.length ? parts.join(', ') : t('admin.sla.everything');
  }

  return (
    <CrudSection<SlaPolicy>
      id="sla-title"
      title={t('admin.sla.title')}
      intro={t('admin.sla.intro')}
      notices={<FormStatus error={reapply.error} note={reapply.note} />}
      addLabel={t('admin.sla.add')}
      emptyText={t('admin.sla.none')}
      path="/api/sla-policies"
      tools={
        <button
          type="button"
          onClick={() => void reapply.run(() => api<{ updated: number }>('/api/sla-policies/reapply', { method: 'POST' }), (r) => t('admin.sla.reapplied', { count: r.updated }))}
          disabled={reapply.busy}
        >
          {t('admin.sla.reapply')}
        </button>
      }
      columns={[
        { header: t('admin.sla.order'), cell: (_, index) => index + 1 },
        { header: t('admin.sla.name'), cell: (p) => p.name },
        { header: t('admin.sla.appliesTo'), cell: appliesTo },
        { header: t('admin.sla.firstResponse'), cell: (p) => duration(p.firstResponseSeconds) },
        { header: t('admin.sla.nextResponse'), cell: (p) => duration(p.nextResponseSeconds) },
        { header: t('admin.sla.resolution'), cell: (p) => duration(p.resolutionSeconds) },
        { header: t('admin.sla.businessHours'), cell: (p) => calendarName(p.businessHoursId) },
        { header: t('admin.sla.warnAtShort'), cell: (p) => `${p.warnAtPercent} %` },
        { header: t('admin.sla.onBreach'), cell: (p) => t(`admin.sla.onBreach.${p.onBreach}`) },
      ]}
      form={(policy, onSaved, onCancel) => <SlaPolicyForm policy={policy} calendars={calendars.data?.items ?? []} onSaved={onSaved} onCancel={onCancel} />}
      createdNote={(p) => t('admin.sla.created', { name: p.name })}
      deletion={{
        title: (p) => t('admin.sla.deleteTitle', { name: p.name }),
        explanation: t('admin.sla.deleteExplain'),
      }}
    />
  );
}
