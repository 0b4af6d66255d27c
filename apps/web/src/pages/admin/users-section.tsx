import { useMe } from '../../auth/session';
import { useDirectory } from '../../components/directory';
import { useT } from '../../i18n/i18n';
import type { UserView } from './admin-types';
import { CrudSection } from './crud-section';
import { useFormatDate } from './form-kit';
import { UserForm } from './user-form';
import { WorkspaceForm } from './workspace-form';

/** The workspace's members and their access (deactivated rather than deleted: their history stays), and new workspaces. */
export function UsersSection() {
  const t = useT();
  const me = useMe();
  const directory = useDirectory();
  const formatDate = useFormatDate();
  return (
    <CrudSection<UserView>
      id="users-title"
      title={t('admin.users.title')}
      intro={t('admin.users.intro')}
      addLabel={t('admin.users.add')}
      emptyText={t('admin.users.none')}
      path="/api/users"
      onChanged={directory.refresh}
      columns={[
        {
          header: t('admin.users.name'),
          cell: (u) => (
            <>
              {u.name}
              {u.id === me.id && <span className="muted"> ({t('admin.users.you')})</span>}
            </>
          ),
        },
        { header: t('admin.users.email'), cell: (u) => u.email },
        { header: t('admin.users.access'), cell: (u) => t(`access.${u.access}`) },
        {
          header: t('admin.users.active'),
          cell: (u) => <span className={`pill ${u.active ? 'tone-ok' : ''}`}>{u.active ? t('admin.users.isActive') : t('admin.users.isInactive')}</span>,
        },
        { header: t('admin.users.joined'), cell: (u) => formatDate(u.joinedAt) },
      ]}
      form={(user, onSaved, onCancel) => <UserForm user={user} onSaved={onSaved} onCancel={onCancel} />}
      createdNote={(u) => t('admin.users.createdNote', { name: u.name })}
    >
      <WorkspaceForm />
    </CrudSection>
  );
}
