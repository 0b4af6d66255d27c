import { useState, type FormEvent } from 'react';
import type { Access } from '../../api/types';
import { useSession } from '../../auth/session';
import { useDirectory, type Person, type Role } from '../../components/directory';
import { ErrorNote } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import { draftToMembers, MAX_CAPACITY, membersChanged, membersToDraft, type MembersDraft } from './role-form-logic';

/** Supervisors do not answer customers and deactivated members cannot: the API refuses both as members. */
function answersCustomers(person: Person): boolean {
  return person.access !== 'supervisor' && (person as Person & { active?: boolean }).active !== false;
}

/** Who is in the role, each with the most open conversations of it they hold at once (empty: unlimited). */
export function RoleMembers({ role, onSaved }: { role: Role; onSaved(role: Role): void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const { people } = useDirectory();
  const [opened, setOpened] = useState(role.members);
  const [draft, setDraft] = useState<MembersDraft>(() => membersToDraft(role.members));
  const [invalid, setInvalid] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<'saved' | 'conflict' | null>(null);
  // Current members stay listed even when the directory does not know them (yet).
  const known = new Set(people.map((p) => p.id));
  const rows: Person[] = [...people.filter(answersCustomers), ...role.members.filter((m) => !known.has(m.userId)).map((m) => ({ id: m.userId, name: m.name }))];
  const count = Object.values(draft).filter((r) => r.member).length;

  const update = (userId: string, change: Partial<MembersDraft[string]>) =>
    setDraft((d) => ({ ...d, [userId]: { ...(d[userId] ?? { member: false, capacity: '' }), ...change } }));

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setNotice(null);
    const checked = draftToMembers(draft);
    if (!checked.ok) return setInvalid(checked.invalid);
    setInvalid([]);
    setBusy(true);
    try {
      const now = await api<Role>(`/api/roles/${role.id}`);
      if (membersChanged(opened, now.members)) {
        setOpened(now.members);
        setDraft(membersToDraft(now.members));
        setNotice('conflict');
        onSaved(now);
        return;
      }
      const saved = await api<Role>(`/api/roles/${role.id}/members`, { method: 'PUT', body: { members: checked.members } });
      setOpened(saved.members);
      setDraft(membersToDraft(saved.members));
      setNotice('saved');
      onSaved(saved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card role-members" onSubmit={save} aria-labelledby={`members-${role.id}-title`} noValidate>
      <h2 id={`members-${role.id}-title`}>{t('team.members.title', { name: role.name })}</h2>
      <p className="hint">{t('team.members.help')}</p>
      {notice === 'conflict' && (
        <p className="note note-warning" role="alert">
          {t('team.members.conflict')}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="muted">{t('team.members.nobody')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('team.members.member')}</th>
              <th scope="col">{t('team.members.person')}</th>
              <th scope="col">{t('team.members.capacity')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => {
              const row = draft[p.id] ?? { member: false, capacity: '' };
              const bad = invalid.includes(p.id);
              return (
                <tr key={p.id} className={row.member ? 'picked' : undefined}>
                  <td className="pick-check">
                    <input type="checkbox" checked={row.member} onChange={(e) => update(p.id, { member: e.target.checked })} aria-label={t('team.members.include', { name: p.name })} />
                  </td>
                  <td>
                    {p.name}
                    {p.access && <span className="muted"> · {t(`access.${p.access as Access}`)}</span>}
                  </td>
                  <td>
                    <input
                      type="number"
                      className="capacity"
                      min={0}
                      max={MAX_CAPACITY}
                      step={1}
                      inputMode="numeric"
                      value={row.capacity}
                      disabled={!row.member}
                      placeholder={t('team.members.unlimited')}
                      onChange={(e) => update(p.id, { capacity: e.target.value })}
                      aria-label={t('team.members.capacityOf', { name: p.name })}
                      aria-invalid={bad ? true : undefined}
                      aria-describedby={bad ? `capacity-${p.id}-error` : undefined}
                    />
                    {bad && (
                      <span className="field-error" id={`capacity-${p.id}-error`}>
                        {t('team.members.badCapacity', { max: MAX_CAPACITY })}
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ErrorNote error={error} />
      {notice === 'saved' && (
        <p className="note note-ok" role="status">
          {t('app.saved')}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('team.members.save', { count })}
        </button>
      </div>
    </form>
  );
}
