import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import { useDirectory } from '../../components/directory';
import { ErrorNote, Loading } from '../../components/feedback';
import { NamedOptions } from '../../components/options';
import { useResource } from '../../components/use-resource';
import { useI18n } from '../../i18n/i18n';
import { DryRunPanel } from './dry-run-panel';
import { draftToBody, mapToDraft, moveRule, newRule, sameMap, type MapDraft, type RuleDraft } from './map-draft';
import { groupErrors, splitMessages } from './map-errors';
import { MapVersions } from './map-versions';
import { FieldErrors, RuleEditor } from './rule-editor';
import type { MapVersionSummary, ResponsibilityMap } from './team-types';

type Notice = { kind: 'saved'; version: number } | { kind: 'opened'; version: number } | null;

/**
 * The responsibility map's editor (default role and ordered rules) with the dry run beside it. Every save is a new
 * version; the map carries no If-Match, so before saving the editor checks that nobody saved a newer version since
 * it was opened and asks the lead what to do if someone did.
 */
export function MapView() {
  const { t, locale } = useI18n();
  const { api } = useSession();
  const { roles, channels, refresh } = useDirectory();
  const current = useResource<ResponsibilityMap>('/api/responsibility-map');
  const versions = useResource<{ items: MapVersionSummary[] }>('/api/responsibility-map/versions');
  /** The saved version the draft started from. */
  const [base, setBase] = useState<ResponsibilityMap | null>(null);
  const [draft, setDraft] = useState<MapDraft | null>(null);
  const [errors, setErrors] = useState<Map<string, string[]>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<ResponsibilityMap | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);

  // Roles and channels may have changed since sign-in (another lead, the Roles tab).
  useEffect(refresh, [refresh]);
  useEffect(() => {
    if (current.data && !base) {
      setBase(current.data);
      setDraft(mapToDraft(current.data));
    }
  }, [current.data, base]);

  if (!draft || !base) return current.error ? <ErrorNote error={current.error} onRetry={current.reload} /> : <Loading />;
  const dirty = !sameMap(draft, base);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

  function adopt(map: ResponsibilityMap) {
    setBase(map);
    setDraft(mapToDraft(map));
    setErrors(new Map());
    setConflict(null);
    current.setData(map);
  }

  const setRules = (update: (rules: RuleDraft[]) => RuleDraft[]) => setDraft((d) => (d ? { ...d, rules: update(d.rules) } : d));
  // Errors name rules by position: once rules move or go, the old positions would point at the wrong rule.
  const reshape = (update: (rules: RuleDraft[]) => RuleDraft[]) => {
    setErrors(new Map());
    setRules(update);
  };

  async function save(overwrite = false) {
    if (!draft || !base) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      if (!overwrite) {
        const now = await api<ResponsibilityMap>('/api/responsibility-map');
        if (now.version !== base.version) {
          setConflict(now);
          return;
        }
      }
      const saved = await api<ResponsibilityMap>('/api/responsibility-map', { method: 'PUT', body: draftToBody(draft) });
      adopt(saved);
      setNotice({ kind: 'saved', version: saved.version });
      versions.reload();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') {
        setErrors(groupErrors(splitMessages(e.message)));
        setConflict(null);
      } else setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function open(version: number) {
    setBusy(true);
    setError(null);
    try {
      const map = await api<ResponsibilityMap>(`/api/responsibility-map/versions/${version}`);
      setDraft(mapToDraft(map));
      setErrors(new Map());
      setNotice({ kind: 'opened', version });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const problems = [...errors.values()].reduce((n, list) => n + list.length, 0);
  const general = errors.get('');
  const defaultErrors = errors.get('defaultRoleId');

  return (
    <div className="map-layout">
      <form
        className="map-editor"
        aria-labelledby="map-title"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        noValidate
      >
        <div className="card map-head">
          <div className="section-head">
            <h2 id="map-title">{t('team.map.title')}</h2>
            <span className="muted" data-testid="map-version">
              {base.version === 0
                ? t('team.map.never')
                : t('team.map.savedBy', { version: base.version, name: base.createdBy?.name ?? '—', when: base.createdAt ? when.format(new Date(base.createdAt)) : '' })}
            </span>
          </div>
          <p className="hint">{t('team.map.help')}</p>
          {conflict && (
            <div className="note note-warning" role="alert">
              <p>
                {t('team.map.conflict', {
                  version: conflict.version,
                  name: conflict.createdBy?.name ?? '—',
                  when: conflict.createdAt ? when.format(new Date(conflict.createdAt)) : '',
                })}
              </p>
              <button type="button" onClick={() => adopt(conflict)}>
                {t('team.map.loadTheirs', { version: conflict.version })}
              </button>{' '}
              <button type="button" onClick={() => void save(true)} disabled={busy}>
                {t('team.map.saveMine', { version: conflict.version + 1 })}
              </button>
            </div>
          )}
          {problems > 0 && (
            <p className="note note-error" role="alert">
              {t('team.map.invalid', { count: problems })}
            </p>
          )}
          {general?.length ? <FieldErrors id="map-general-error" messages={general} /> : null}
          {notice?.kind === 'saved' && (
            <p className="note note-ok" role="status">
              {t('team.map.saved', { version: notice.version })}
            </p>
          )}
          {notice?.kind === 'opened' && (
            <p className="note note-warning" role="status">
              {t('team.map.opened', { version: notice.version })}
            </p>
          )}
          <ErrorNote error={error} />
          <div className="field default-role">
            <label>
              {t('team.map.defaultRole')}
              <select
                value={draft.defaultRoleId}
                onChange={(e) => setDraft({ ...draft, defaultRoleId: e.target.value })}
                aria-invalid={defaultErrors?.length ? true : undefined}
                aria-describedby={`map-default-help${defaultErrors?.length ? ' map-default-error' : ''}`}
              >
                <option value="">{t('team.map.noDefault')}</option>
                <NamedOptions items={roles} missing={{ value: draft.defaultRoleId, label: t('team.rule.deletedRole') }} />
              </select>
            </label>
            <span className="hint" id="map-default-help">
              {t('team.map.defaultHelp')}
            </span>
            <FieldErrors id="map-default-error" messages={defaultErrors} />
          </div>
        </div>
        {draft.rules.length === 0 && <p className="muted">{t('team.map.noRules')}</p>}
        <ol className="rules">
          {draft.rules.map((rule, i) => (
            <li key={rule.key}>
              <RuleEditor
                rule={rule}
                index={i}
                count={draft.rules.length}
                roles={roles}
                channels={channels}
                errors={errors}
                onChange={(next) => setRules((rules) => rules.map((r) => (r.key === rule.key ? next : r)))}
                onMove={(by) => reshape((rules) => moveRule(rules, i, by))}
                onRemove={() => reshape((rules) => rules.filter((r) => r.key !== rule.key))}
              />
            </li>
          ))}
        </ol>
        <div className="map-actions">
          <button type="button" onClick={() => reshape((rules) => [...rules, newRule()])}>
            {t('team.map.addRule')}
          </button>
          <span className="spacer" />
          {dirty && <span className="muted">{t('team.map.unsaved')}</span>}
          <button type="button" onClick={() => adopt(base)} disabled={!dirty || busy}>
            {t('team.map.discard')}
          </button>
          <button type="submit" className="primary" disabled={!dirty || busy}>
            {t('team.map.save')}
          </button>
        </div>
      </form>
      <aside className="map-side" aria-label={t('team.map.side')}>
        <DryRunPanel savedVersion={base.version} dirty={dirty} />
        <MapVersions versions={versions} current={base.version} onOpen={(v) => void open(v)} busy={busy} />
      </aside>
    </div>
  );
}
