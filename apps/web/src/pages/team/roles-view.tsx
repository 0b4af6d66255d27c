import { useCallback } from 'react';
import { href, navigate } from '../../app/router';
import { useDirectory, type Role } from '../../components/directory';
import { ErrorNote, Loading } from '../../components/feedback';
import { useResource } from '../../components/use-resource';
import { useI18n } from '../../i18n/i18n';
import { RoleForm } from './role-form';
import { RoleMembers } from './role-members';
import { splitDuration } from './role-form-logic';
import type { BusinessHours } from './team-types';

/** `#/team/roles` lists the roles; `#/team/roles/<id>` edits one and its members; `#/team/roles/new` creates one. */
export function RolesView({ selected }: { selected?: string }) {
  const { t } = useI18n();
  const directory = useDirectory();
  const roles = useResource<{ items: Role[] }>('/api/roles');
  const hours = useResource<{ items: BusinessHours[] }>('/api/business-hours');
  const list = roles.data?.items ?? [];
  const calendars = hours.data?.items ?? [];
  const role = selected && selected !== 'new' ? list.find((r) => r.id === selected) : undefined;
  const { reload } = roles;
  const { refresh } = directory;
  // Other pages (the assignment picker, the inbox's filters) read roles from the shared directory.
  const changed = useCallback(() => {
    reload();
    refresh();
  }, [reload, refresh]);

  const timer = (seconds: number | null) => {
    if (seconds === null) return t('team.roles.noTimer');
    const { value, unit } = splitDuration(seconds);
    return t(`team.unit.${unit}.count`, { count: value });
  };

  return (
    <div className="roles-layout">
      <section className="card roles-list" aria-labelledby="team-roles">
        <div className="section-head">
          <h2 id="team-roles">{t('team.roles.title')}</h2>
          <a className="button primary" href={href('/team/roles/new')} aria-current={selected === 'new' ? 'page' : undefined}>
            {t('team.roles.new')}
          </a>
        </div>
        {roles.loading && !roles.data && <Loading />}
        <ErrorNote error={roles.error} onRetry={reload} />
        {roles.data && list.length === 0 && <p className="muted">{t('team.roles.empty')}</p>}
        {list.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('team.roles.name')}</th>
                <th scope="col">{t('team.roles.strategy')}</th>
                <th scope="col">{t('team.roles.members')}</th>
                <th scope="col">{t('team.roles.timer')}</th>
                <th scope="col">{t('team.roles.escalation')}</th>
                <th scope="col">{t('team.roles.hours')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.id} className={r.id === selected ? 'selected' : undefined}>
                  <th scope="row">
                    <a href={href(`/team/roles/${r.id}`)} aria-current={r.id === selected ? 'page' : undefined}>
                      {r.name}
                    </a>
                  </th>
                  <td>{t(`team.strategy.${r.assignment}`)}</td>
                  <td>{r.members.length}</td>
                  <td>{timer(r.acceptanceSeconds)}</td>
                  <td>{list.find((x) => x.id === r.escalationRoleId)?.name ?? '—'}</td>
                  <td>{r.businessHoursId ? (calendars.find((c) => c.id === r.businessHoursId)?.name ?? '…') : t('team.roles.always')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <div className="role-editor">
        <ErrorNote error={hours.error} onRetry={hours.reload} />
        {selected === 'new' && (
          <RoleForm
            key="new"
            roles={list}
            calendars={calendars}
            onSaved={(saved) => {
              changed();
              navigate(`/team/roles/${saved.id}`);
            }}
            onGone={changed}
            onStale={changed}
          />
        )}
        {role && (
          <>
            <RoleForm
              key={role.id}
              role={role}
              roles={list}
              calendars={calendars}
              onSaved={changed}
              onGone={() => {
                changed();
                navigate('/team/roles');
              }}
              onStale={changed}
            />
            <RoleMembers key={`members-${role.id}`} role={role} onSaved={changed} />
          </>
        )}
        {selected && selected !== 'new' && roles.data && !roles.loading && !role && <p className="note note-warning">{t('team.roles.notFound')}</p>}
        {!selected && roles.data && list.length > 0 && <p className="muted">{t('team.roles.pick')}</p>}
      </div>
    </div>
  );
}
