import { ErrorNote, Loading } from '../../components/feedback';
import type { Resource } from '../../components/use-resource';
import { useI18n } from '../../i18n/i18n';
import type { MapVersionSummary } from './team-types';

/** Every saved version, newest first; any one can be opened in the editor and saved again as the newest. */
export function MapVersions({ versions, current, onOpen, busy }: { versions: Resource<{ items: MapVersionSummary[] }>; current: number; onOpen(version: number): void; busy: boolean }) {
  const { t, locale } = useI18n();
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const items = versions.data?.items ?? [];
  return (
    <section className="card map-versions" aria-labelledby="map-versions-title">
      <h2 id="map-versions-title">{t('team.versions.title')}</h2>
      {versions.loading && !versions.data && <Loading />}
      <ErrorNote error={versions.error} onRetry={versions.reload} />
      {versions.data && items.length === 0 && <p className="muted">{t('team.versions.none')}</p>}
      <ol className="version-list">
        {items.map((v) => (
          <li key={v.version}>
            <span className="version-what">
              <strong>{t('team.map.versionN', { version: v.version })}</strong>
              {v.version === current && <span className="pill">{t('team.versions.current')}</span>}
            </span>
            <span className="muted">
              {t('team.versions.by', { name: v.createdBy?.name ?? '—', when: when.format(new Date(v.createdAt)) })} · {t('team.versions.rules', { count: v.rules })}
            </span>
            <button type="button" className="link" onClick={() => onOpen(v.version)} disabled={busy} aria-label={t('team.versions.openN', { version: v.version })}>
              {t('team.versions.open')}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
