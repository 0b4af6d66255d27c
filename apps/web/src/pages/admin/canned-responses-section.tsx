import type { CannedResponse } from '../../api/types';
import { useDirectory } from '../../components/directory';
import { useT } from '../../i18n/i18n';
import { CannedResponseForm } from './canned-response-form';
import { CrudSection } from './crud-section';

/** Prepared answers for the reply box, for the whole workspace or one role. */
export function CannedResponsesSection() {
  const t = useT();
  const { roleName } = useDirectory();
  return (
    <CrudSection<CannedResponse>
      id="canned-title"
      title={t('admin.canned.title')}
      intro={t('admin.canned.intro')}
      addLabel={t('admin.canned.add')}
      emptyText={t('admin.canned.none')}
      path="/api/canned-responses"
      columns={[
        { header: t('admin.canned.name'), cell: (r) => r.name },
        { header: t('admin.canned.shortcut'), cell: (r) => (r.shortcut ? <code>{r.shortcut}</code> : '—') },
        { header: t('admin.canned.role'), cell: (r) => (r.roleId ? (roleName(r.roleId) ?? r.roleId) : t('admin.canned.wholeWorkspace')) },
        { header: t('admin.canned.language'), cell: (r) => r.language ?? '—' },
        { header: t('admin.canned.text'), cell: (r) => r.text, className: 'wrap clamp' },
      ]}
      form={(response, onSaved, onCancel) => <CannedResponseForm response={response} onSaved={onSaved} onCancel={onCancel} />}
      createdNote={(r) => t('admin.canned.created', { name: r.name })}
      deletion={{
        title: (r) => t('admin.canned.deleteTitle', { name: r.name }),
        explanation: t('admin.canned.deleteExplain'),
      }}
    />
  );
}
