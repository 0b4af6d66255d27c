import { useMemo, useState } from 'react';
import { useSession } from '../../auth/session';
import { AssignPicker, type AssignmentChoice } from '../../components/assign-picker';
import { ErrorNote } from '../../components/feedback';
import { useResource } from '../../components/use-resource';
import { loadLabels, type MemberLoad } from '../../components/workload';
import { useI18n } from '../../i18n/i18n';

/**
 * Leads' and admins' bulk reassignment: the selected conversations to a role, an agent or both, with a reason, in
 * one request. The rows then change through the live events like any other change; the answer says how many moved.
 */
export function BulkBar({ ids, onDone }: { ids: string[]; onDone(updated: number, total: number): void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const workload = useResource<{ members: MemberLoad[] }>('/api/workload');
  const load = useMemo(() => loadLabels(workload.data?.members ?? []), [workload.data]);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  async function reassign(choice: AssignmentChoice) {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api<{ updated: number }>('/api/conversations/bulk-assignment', {
        body: { conversationIds: ids, ...choice, ...(reason.trim() ? { reason: reason.trim() } : {}) },
      });
      setReason('');
      onDone(answer.updated, ids.length);
      workload.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="bulk-bar" aria-label={t('inbox.bulk.title')}>
      <label className="inline-field bulk-reason">
        <span className="visually-hidden">{t('inbox.bulk.reason')}</span>
        <input type="text" aria-label={t('inbox.bulk.reason')} placeholder={t('inbox.bulk.reason')} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </label>
      <AssignPicker onPick={(choice) => void reassign(choice)} busy={busy} load={load} />
      <ErrorNote error={error} />
      <ErrorNote error={workload.error} onRetry={workload.reload} />
    </section>
  );
}
