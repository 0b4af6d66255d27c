import { useEffect, useRef, useState } from 'react';
import type { Conversation } from '../../api/types';
import { useSession } from '../../auth/session';
import { AssignPicker, type AssignmentChoice } from '../../components/assign-picker';
import { useDirectory } from '../../components/directory';
import { ErrorNote, Loading } from '../../components/feedback';
import { SlaClock } from '../../components/sla-clock';
import { useResource } from '../../components/use-resource';
import { useT } from '../../i18n/i18n';
import { keepSelected, toggleAll, toggleOne } from './workload-logic';

/** How many rows a list asks for: enough for a lead to move an agent's whole load or a long queue at once. */
export const PICKLIST_LIMIT = 100;

interface Props {
  /** The list's GET path: an agent's open conversations, or a role's queue. */
  path: string;
  /** What the list is, for its accessible name ("Conversations of Giulia"). */
  label: string;
  /** Changes whenever the workload changed live: the list is read again. */
  refreshKey: number;
  /** Each agent's load, shown in the picker. */
  load: Map<string, string>;
  onReassigned(): void;
}

/** A list of conversations to tick, then hand to a role or an agent in one bulk assignment. */
export function ConversationPicklist({ path, label, refreshKey, load, onReassigned }: Props) {
  const t = useT();
  const { api } = useSession();
  const { channelName } = useDirectory();
  const list = useResource<{ items: Conversation[] }>(path);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [moved, setMoved] = useState<number | null>(null);
  const selectAll = useRef<HTMLInputElement>(null);
  const { reload } = list;
  const items = list.data?.items ?? [];
  const ids = items.map((c) => c.id);

  const seenKey = useRef(refreshKey);
  useEffect(() => {
    if (seenKey.current === refreshKey) return;
    seenKey.current = refreshKey;
    reload();
  }, [refreshKey, reload]);
  useEffect(() => {
    if (list.data) setSelected((s) => keepSelected(s, list.data!.items.map((c) => c.id)));
  }, [list.data]);
  const all = ids.length > 0 && ids.every((id) => selected.has(id));
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = selected.size > 0 && !all;
  }, [selected, all]);

  async function reassign(choice: AssignmentChoice) {
    setBusy(true);
    setError(null);
    setMoved(null);
    try {
      const why = reason.trim();
      const answer = await api<{ updated: number }>('/api/conversations/bulk-assignment', {
        body: { conversationIds: [...selected], ...choice, ...(why ? { reason: why } : {}) },
      });
      setMoved(answer.updated);
      setSelected(new Set());
      setReason('');
      reload();
      onReassigned();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (list.loading && !list.data) return <Loading />;
  if (list.error && !list.data) return <ErrorNote error={list.error} onRetry={reload} />;
  return (
    <div className="picklist">
      {items.length === 0 ? (
        <p className="muted">{t('team.pick.empty')}</p>
      ) : (
        <table aria-label={label}>
          <thead>
            <tr>
              <th scope="col" className="pick-check">
                <input ref={selectAll} type="checkbox" checked={all} onChange={() => setSelected((s) => toggleAll(s, ids))} aria-label={t('team.pick.selectAll')} />
              </th>
              <th scope="col">{t('team.pick.contact')}</th>
              <th scope="col">{t('team.pick.message')}</th>
              <th scope="col">{t('team.pick.channel')}</th>
              <th scope="col">{t('team.pick.priority')}</th>
              <th scope="col">{t('team.pick.sla')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => {
              const who = c.contact?.name ?? c.contact?.username ?? t('team.pick.unknownContact');
              const text = c.preview ?? c.subject ?? '';
              return (
                <tr key={c.id} className={selected.has(c.id) ? 'picked' : undefined}>
                  <td className="pick-check">
                    <input type="checkbox" checked={selected.has(c.id)} onChange={() => setSelected((s) => toggleOne(s, c.id))} aria-label={t('team.pick.select', { name: text ? `${who}: ${text}` : who })} />
                  </td>
                  <td>{who}</td>
                  <td className="pick-text">
                    <a href={`#/inbox/${c.id}`}>{text || t('team.pick.open')}</a>
                  </td>
                  <td>{channelName(c.channelId) ?? t(`channel.${c.channelType}`)}</td>
                  <td>
                    <span className={`pill priority-${c.priority}`}>{t(`priority.${c.priority}`)}</span>
                  </td>
                  <td>
                    <SlaClock conversation={c} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {items.length >= PICKLIST_LIMIT && <p className="muted">{t('team.pick.limited', { count: PICKLIST_LIMIT })}</p>}
      {items.length > 0 && (
        <div className="pick-actions">
          <span className="pick-count" role="status">
            {t('team.pick.selected', { count: selected.size })}
          </span>
          <label className="inline-field">
            {t('team.pick.reason')}
            <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} placeholder={t('team.pick.reasonHint')} />
          </label>
          <AssignPicker onPick={(choice) => void reassign(choice)} busy={busy || selected.size === 0} load={load} />
        </div>
      )}
      {moved !== null && (
        <p className="note note-ok" role="status">
          {t('team.pick.moved', { count: moved })}
        </p>
      )}
      <ErrorNote error={error} />
    </div>
  );
}
