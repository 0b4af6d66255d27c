import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import type { Role } from '../../components/directory';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorNote } from '../../components/feedback';
import { NamedOptions, ValueOptions } from '../../components/options';
import { useI18n } from '../../i18n/i18n';
import { DURATION_UNITS, draftToRoleBody, emptyRoleDraft, roleChanged, roleToDraft, type DurationUnit, type RoleDraft, type RoleFieldProblem } from './role-form-logic';
import { STRATEGIES, type BusinessHours, type Strategy } from './team-types';

interface Props {
  /** The role edited; absent: a new one. */
  role?: Role;
  roles: Role[];
  calendars: BusinessHours[];
  onSaved(role: Role): void;
  /** The role was deleted here. */
  onGone(): void;
  /** Something the form relied on changed elsewhere: read the roles again. */
  onStale(): void;
}

type Problems = Partial<Record<'name' | 'acceptance', RoleFieldProblem | 'taken'>>;

/** A role's name, description, strategy, escalation, acceptance timer and working hours; and deleting it. */
export function RoleForm({ role, roles, calendars, onSaved, onGone, onStale }: Props) {
  const { t } = useI18n();
  const { api } = useSession();
  const [opened, setOpened] = useState<Role | undefined>(role);
  const [draft, setDraft] = useState<RoleDraft>(() => (role ? roleToDraft(role) : emptyRoleDraft()));
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<'saved' | 'conflict' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const id = role?.id ?? 'new';
  const set = <K extends keyof RoleDraft>(key: K, value: RoleDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  function adopt(current: Role) {
    setOpened(current);
    setDraft(roleToDraft(current));
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setNotice(null);
    const checked = draftToRoleBody(draft);
    if (!checked.ok) return setProblems(checked.problems);
    setProblems({});
    setBusy(true);
    try {
      if (opened) {
        // No version on roles: compare with the role as it is now, so another lead's change is never overwritten.
        const now = await api<Role>(`/api/roles/${opened.id}`);
        if (roleChanged(opened, now)) {
          adopt(now);
          setNotice('conflict');
          onSaved(now);
          return;
        }
        const saved = await api<Role>(`/api/roles/${opened.id}`, { method: 'PATCH', body: checked.body });
        adopt(saved);
        setNotice('saved');
        onSaved(saved);
      } else {
        onSaved(await api<Role>('/api/roles', { body: checked.body }));
      }
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ROLE_NAME_TAKEN') setProblems({ name: 'taken' });
      else setError(e);
      // This role, or the escalation role picked, was deleted meanwhile: the list shows which.
      if (e instanceof ApiError && e.status === 404) onStale();
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!opened) return;
    setBusy(true);
    try {
      await api(`/api/roles/${opened.id}`, { method: 'DELETE' });
      setConfirming(false);
      onGone();
    } catch (e) {
      setConfirming(false);
      setError(e);
      if (e instanceof ApiError && e.status === 404) onStale();
    } finally {
      setBusy(false);
    }
  }

  const problem = (field: 'name' | 'acceptance') => {
    const p = problems[field];
    if (!p) return null;
    return (
      <span className="field-error" id={`role-${id}-${field}-error`}>
        {t(`team.role.problem.${field}.${p}` as 'team.role.problem.name.required')}
      </span>
    );
  };

  return (
    <form className="card role-form" onSubmit={save} aria-labelledby={`role-${id}-title`} noValidate>
      <h2 id={`role-${id}-title`}>{opened ? t('team.role.editTitle', { name: opened.name }) : t('team.role.newTitle')}</h2>
      {notice === 'conflict' && (
        <p className="note note-warning" role="alert">
          {t('team.role.conflict')}
        </p>
      )}
      {notice === 'saved' && (
        <p className="note note-ok" role="status">
          {t('app.saved')}
        </p>
      )}
      <div className="field">
        <label>
          {t('team.role.name')}
          <input
            value={draft.name}
            maxLength={100}
            required
            onChange={(e) => set('name', e.target.value)}
            aria-invalid={problems.name ? true : undefined}
            aria-describedby={problems.name ? `role-${id}-name-error` : undefined}
          />
        </label>
        {problem('name')}
      </div>
      <label>
        {t('team.role.description')}
        <textarea value={draft.description} maxLength={1000} rows={2} onChange={(e) => set('description', e.target.value)} />
      </label>
      <div className="field">
        <label>
          {t('team.role.strategy')}
          <select value={draft.assignment} onChange={(e) => set('assignment', e.target.value as Strategy)} aria-describedby={`role-${id}-strategy-help`}>
            <ValueOptions values={STRATEGIES} label={(s) => t(`team.strategy.${s}`)} />
          </select>
        </label>
        <span className="hint" id={`role-${id}-strategy-help`}>
          {t(`team.strategy.${draft.assignment}.help`)}
        </span>
      </div>
      <label>
        {t('team.role.escalation')}
        <select value={draft.escalationRoleId} onChange={(e) => set('escalationRoleId', e.target.value)}>
          <option value="">{t('team.role.noEscalation')}</option>
          <NamedOptions items={roles.filter((r) => r.id !== opened?.id)} />
        </select>
      </label>
      <fieldset className="timer">
        <legend>{t('team.role.timer')}</legend>
        <div className="row">
          <label className="inline-field">
            <span className="visually-hidden">{t('team.role.timerValue')}</span>
            <input
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              value={draft.acceptance}
              onChange={(e) => set('acceptance', e.target.value)}
              aria-label={t('team.role.timerValue')}
              placeholder={t('team.role.noTimer')}
              aria-invalid={problems.acceptance ? true : undefined}
              aria-describedby={`role-${id}-timer-help${problems.acceptance ? ` role-${id}-acceptance-error` : ''}`}
            />
          </label>
          <label className="inline-field">
            <span className="visually-hidden">{t('team.role.timerUnit')}</span>
            <select value={draft.acceptanceUnit} onChange={(e) => set('acceptanceUnit', e.target.value as DurationUnit)} aria-label={t('team.role.timerUnit')}>
              <ValueOptions values={DURATION_UNITS} label={(u) => t(`team.unit.${u}`)} />
            </select>
          </label>
        </div>
        <span className="hint" id={`role-${id}-timer-help`}>
          {t('team.role.timerHelp')}
        </span>
        {problem('acceptance')}
      </fieldset>
      <label>
        {t('team.role.hours')}
        <select value={draft.businessHoursId} onChange={(e) => set('businessHoursId', e.target.value)}>
          <option value="">{t('team.roles.always')}</option>
          <NamedOptions items={calendars} label={(c) => `${c.name} (${c.timezone})`} />
        </select>
      </label>
      <ErrorNote error={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {opened ? t('app.save') : t('team.role.create')}
        </button>
        {opened && (
          <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={busy}>
            {t('team.role.delete')}
          </button>
        )}
      </div>
      {confirming && opened && (
        <ConfirmDialog title={t('team.role.deleteTitle', { name: opened.name })} confirmLabel={t('app.delete')} busy={busy} onConfirm={() => void remove()} onCancel={() => setConfirming(false)}>
          <p>{t('team.role.deleteBody')}</p>
        </ConfirmDialog>
      )}
    </form>
  );
}
