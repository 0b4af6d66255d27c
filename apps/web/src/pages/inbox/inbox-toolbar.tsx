import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { KINDS, PRIORITIES_URGENT_FIRST, STATUSES } from '../../api/types';
import { useDirectory } from '../../components/directory';
import { NamedOptions, ValueOptions } from '../../components/options';
import { useI18n } from '../../i18n/i18n';
import { clearedFilters, isFiltered, queueRole, queuesFor, SLA_FILTERS, type InboxFilters, type Queue, type Viewer } from './inbox-filters';

/** Typing waits this long for a pause before the list is searched again. */
const SEARCH_DEBOUNCE_MS = 300;

function FilterSelect({ label, value, onChange, children }: { label: string; value: string; onChange(value: string): void; children: ReactNode }) {
  return (
    <label className="inbox-filter">
      <span className="visually-hidden">{label}</span>
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </label>
  );
}

/** The queue tabs, the search box and the filters; every change goes to the hash, which the list follows. */
export function InboxToolbar({
  filters,
  viewer,
  onChange,
  searchRef,
  listId,
}: {
  filters: InboxFilters;
  viewer: Viewer;
  onChange(next: InboxFilters): void;
  searchRef: RefObject<HTMLInputElement | null>;
  listId: string;
}) {
  const { t } = useI18n();
  const { roles, channels } = useDirectory();
  const agent = viewer.access === 'agent';
  const set = (patch: Partial<InboxFilters>) => onChange({ ...filters, ...patch });

  const [draft, setDraft] = useState(filters.q);
  const committed = useRef(filters.q);
  // The hash changed from elsewhere (back button, a deep link): show its search text. Our own commits are not
  // echoed back into the box, so what the user types meanwhile is never overwritten.
  useEffect(() => {
    if (filters.q.trim() !== committed.current.trim()) {
      committed.current = filters.q;
      setDraft(filters.q);
    }
  }, [filters.q]);
  const latest = useRef({ filters, onChange });
  latest.current = { filters, onChange };
  useEffect(() => {
    if (draft.trim() === committed.current.trim()) return;
    const timer = setTimeout(() => {
      committed.current = draft;
      latest.current.onChange({ ...latest.current.filters, q: draft });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft]);

  const queueLabel = (q: Queue): string => {
    if (q === 'mine') return t('inbox.queue.mine');
    if (q === 'unassigned') return agent ? t('inbox.queue.unassignedMine') : t('inbox.queue.unassigned');
    if (q === 'all') return agent ? t('inbox.queue.all') : t('inbox.queue.everything');
    return t('inbox.queue.role', { role: roles.find((r) => r.id === queueRole(q))?.name ?? '…' });
  };
  const queues = queuesFor(viewer, roles.map((r) => r.id));

  return (
    <div className="inbox-toolbar">
      <h1 id="inbox-title" className="inbox-title">
        {t('inbox.title')}
      </h1>
      <div role="tablist" aria-label={t('inbox.queues')} className="inbox-queues">
        {queues.map((q) => (
          <button
            key={q}
            type="button"
            role="tab"
            aria-selected={filters.queue === q}
            aria-controls={listId}
            className={filters.queue === q ? 'is-current' : undefined}
            onClick={() => set({ queue: q })}
          >
            {queueLabel(q)}
          </button>
        ))}
      </div>
      <input
        ref={searchRef}
        type="search"
        className="inbox-search"
        aria-label={t('inbox.search')}
        placeholder={t('inbox.search.placeholder')}
        value={draft}
        maxLength={200}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          // Esc leaves the search box (the search stays); handled here so no page shortcut also takes it.
          if (e.key === 'Escape') {
            e.preventDefault();
            e.currentTarget.blur();
          }
        }}
      />
      <div className="inbox-filters" role="group" aria-label={t('inbox.filters')}>
        <FilterSelect label={t('inbox.filter.status')} value={filters.status} onChange={(v) => set({ status: v as InboxFilters['status'] })}>
          <option value="any">{t('inbox.filter.anyStatus')}</option>
          <ValueOptions values={STATUSES} label={(s) => t(`status.${s}`)} />
        </FilterSelect>
        <FilterSelect label={t('inbox.filter.channel')} value={filters.channelId ?? ''} onChange={(v) => set({ channelId: v || null })}>
          <option value="">{t('inbox.filter.anyChannel')}</option>
          <NamedOptions items={channels} />
        </FilterSelect>
        <FilterSelect label={t('inbox.filter.kind')} value={filters.kind ?? ''} onChange={(v) => set({ kind: (v || null) as InboxFilters['kind'] })}>
          <option value="">{t('inbox.filter.anyKind')}</option>
          <ValueOptions values={KINDS} label={(k) => t(`kind.${k}`)} />
        </FilterSelect>
        <FilterSelect label={t('inbox.filter.priority')} value={filters.priority ?? ''} onChange={(v) => set({ priority: (v || null) as InboxFilters['priority'] })}>
          <option value="">{t('inbox.filter.anyPriority')}</option>
          <ValueOptions values={PRIORITIES_URGENT_FIRST} label={(p) => t(`priority.${p}`)} />
        </FilterSelect>
        {!agent && !queueRole(filters.queue) && (
          <FilterSelect label={t('inbox.filter.role')} value={filters.roleId ?? ''} onChange={(v) => set({ roleId: v || null })}>
            <option value="">{t('inbox.filter.anyRole')}</option>
            <NamedOptions items={roles} />
          </FilterSelect>
        )}
        <FilterSelect label={t('inbox.filter.sla')} value={filters.sla ?? ''} onChange={(v) => set({ sla: (v || null) as InboxFilters['sla'] })}>
          <option value="">{t('inbox.filter.anySla')}</option>
          <ValueOptions values={SLA_FILTERS} label={(s) => (s === 'at_risk' ? t('inbox.filter.atRisk') : t('inbox.filter.breached'))} />
        </FilterSelect>
        {isFiltered(filters, viewer) && (
          <button
            type="button"
            className="link"
            onClick={() => {
              committed.current = '';
              setDraft('');
              onChange(clearedFilters(filters, viewer));
            }}
          >
            {t('inbox.filter.clear')}
          </button>
        )}
      </div>
    </div>
  );
}
