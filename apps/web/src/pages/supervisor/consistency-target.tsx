import { href } from '../../app/router';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { useSupervisorFormat } from './supervisor-format';
import type { WorkspaceSettings } from './use-report';

/**
 * The workspace settings the report depends on: the time zone its dates, days and hours are read in, and the
 * consistency target its target lines show. They are edited in one place, Administration → Settings; supervisors
 * and admins get a link there.
 */
export function ConsistencyTarget({ settings }: { settings: WorkspaceSettings }) {
  const { t } = useI18n();
  const { can } = useSession();
  const fmt = useSupervisorFormat();
  return (
    <section className="card settings-card" aria-labelledby="consistency-target-title">
      <h2 id="consistency-target-title">{t('supervisor.settings.title')}</h2>
      <dl className="settings-values">
        <div>
          <dt>{t('supervisor.settings.timezone')}</dt>
          <dd data-testid="settings-timezone">{settings.timezone}</dd>
        </div>
        <div>
          <dt>{t('supervisor.settings.target')}</dt>
          <dd data-testid="settings-target">{t(`supervisor.reports.targetValue.${settings.consistency.period}`, { share: fmt.percent(settings.consistency.minAttainment) })}</dd>
        </div>
      </dl>
      <p className="muted settings-help">{t('supervisor.settings.help')}</p>
      {can('supervisor', 'admin') ? <a href={href('/admin/settings')}>{t('supervisor.settings.change')}</a> : <p className="muted">{t('supervisor.settings.readOnly')}</p>}
    </section>
  );
}
