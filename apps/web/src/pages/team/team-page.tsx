import { href, useRoute } from '../../app/router';
import { useT } from '../../i18n/i18n';
import { MapView } from './map-view';
import { RolesView } from './roles-view';
import { sectionOf, TEAM_SECTIONS } from './sections';
import './team.css';
import { WorkloadView } from './workload-view';

/** The leads' page: who holds what (`#/team/workload`), the roles (`#/team/roles`), the responsibility map (`#/team/map`). */
export function TeamPage() {
  const t = useT();
  const { segments } = useRoute();
  const section = sectionOf(segments[1]);
  return (
    <div className="team">
      <div className="team-head">
        <h1>{t('team.title')}</h1>
        <nav aria-label={t('team.sections')} className="team-tabs">
          <ul>
            {TEAM_SECTIONS.map((s) => (
              <li key={s}>
                <a href={href(`/team/${s}`)} aria-current={s === section ? 'page' : undefined}>
                  {t(`team.section.${s}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      {section === 'workload' && <WorkloadView />}
      {section === 'roles' && <RolesView selected={segments[2]} />}
      {section === 'map' && <MapView />}
    </div>
  );
}
