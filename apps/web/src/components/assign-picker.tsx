import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n';
import { useDirectory } from './directory';
import { NamedOptions } from './options';

export interface AssignmentChoice {
  roleId?: string;
  /** null unassigns; undefined leaves the assignee as the server decides (a role change alone). */
  assigneeId?: string | null;
}

/**
 * Pick a role, an agent, or both, for one conversation or many. Agents listed are the chosen role's members (or
 * everyone when no role is picked), with the load the caller passes in (open conversations / capacity).
 */
export function AssignPicker({ onPick, busy, load }: { onPick(choice: AssignmentChoice): void; busy?: boolean; load?: Map<string, string> }) {
  const { t } = useI18n();
  const { roles, people } = useDirectory();
  const [roleId, setRoleId] = useState('');
  const [assignee, setAssignee] = useState('');
  const members = roleId ? (roles.find((r) => r.id === roleId)?.members.map((m) => ({ id: m.userId, name: m.name })) ?? []) : people;

  function submit(event: FormEvent) {
    event.preventDefault();
    const choice: AssignmentChoice = {};
    if (roleId) choice.roleId = roleId;
    if (assignee === '-') choice.assigneeId = null;
    else if (assignee) choice.assigneeId = assignee;
    onPick(choice);
  }

  return (
    <form className="assign-picker" onSubmit={submit}>
      <label className="inline-field">
        {t('assign.role')}
        <select value={roleId} onChange={(e) => setRoleId(e.target.value)} aria-label={t('assign.role')}>
          <option value="">{t('assign.keepRole')}</option>
          <NamedOptions items={roles} />
        </select>
      </label>
      <label className="inline-field">
        {t('assign.agent')}
        <select value={assignee} onChange={(e) => setAssignee(e.target.value)} aria-label={t('assign.agent')}>
          <option value="">{t('assign.auto')}</option>
          <option value="-">{t('assign.unassign')}</option>
          <NamedOptions items={members} label={(p) => (load?.get(p.id) ? `${p.name} (${load.get(p.id)})` : p.name)} />
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy || (!roleId && !assignee)}>
        {t('assign.submit')}
      </button>
    </form>
  );
}
