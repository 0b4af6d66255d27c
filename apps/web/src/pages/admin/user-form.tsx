import { useState, type FormEvent } from 'react';
import { ACCESS_LEVELS, type Access } from '../../api/types';
import { useSession } from '../../auth/session';
import { ValueOptions } from '../../components/options';
import { useT } from '../../i18n/i18n';
import type { UserView } from './admin-types';
import { Field, FormActions, FormCard, FormStatus, saveItem, SecretInput, useSubmit } from './form-kit';

/**
 * A new member (name, e-mail, first password, access) or an existing one: name, access, a new password, and whether
 * the membership is active (a deactivated member can no longer sign in here; their history stays).
 */
export function UserForm({ user, onSaved, onCancel }: { user?: UserView; onSaved(user: UserView): void; onCancel(): void }) {
  const t = useT();
  const { api } = useSession();
  const editing = user !== undefined;
  const [name, setName] = useState(user?.name ?? '');
  const [email, setEmail] = useState(user?.email ?? '');
  const [password, setPassword] = useState('');
  const [access, setAccess] = useState<Access>(user?.access ?? 'agent');
  const [active, setActive] = useState(user?.active ?? true);
  const { busy, error, note, run } = useSubmit();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = editing ? { name, access, active, ...(password ? { password } : {}) } : { name, email, password, access };
    const saved = await run(
      () => saveItem<UserView>(api, '/api/users', user?.id, body),
      (u) => t('admin.users.saved', { name: u.name }),
    );
    if (saved) {
      setPassword('');
      onSaved(saved);
    }
  }

  return (
    <FormCard title={editing ? t('admin.users.editTitle', { name: user.name }) : t('admin.users.newTitle')} onSubmit={submit}>
      <div className="form-grid">
        <Field label={t('admin.users.name')} required>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />}
        </Field>
        <Field label={t('admin.users.email')} required={!editing} hint={editing ? t('admin.users.emailFixed') : t('admin.users.emailHint')}>
          {(p) => <input {...p} type="email" value={email} readOnly={editing} onChange={(e) => setEmail(e.target.value)} autoComplete="off" />}
        </Field>
        <Field label={editing ? t('admin.users.newPassword') : t('admin.users.password')} required={!editing} hint={editing ? t('admin.users.newPasswordHint') : t('admin.users.passwordHint')}>
          {(p) => <SecretInput id={p.id} label={editing ? t('admin.users.newPassword') : t('admin.users.password')} value={password} onChange={setPassword} describedBy={p['aria-describedby']} required={!editing} />}
        </Field>
        <Field label={t('admin.users.access')} hint={t(`admin.users.accessHint.${access}`)}>
          {(p) => (
            <select {...p} value={access} onChange={(e) => setAccess(e.target.value as Access)}>
              <ValueOptions values={ACCESS_LEVELS} label={(a) => t(`access.${a}`)} />
            </select>
          )}
        </Field>
      </div>
      {editing && (
        <label className="check">
          <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
          {t('admin.users.activeLabel')}
        </label>
      )}
      {editing && !active && user.active && <p className="note note-warning">{t('admin.users.deactivateWarning')}</p>}
      <FormStatus error={error} note={note} />
      <FormActions editing={editing} createLabel={t('admin.users.create')} busy={busy} onCancel={onCancel} />
    </FormCard>
  );
}
