import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { href, navigate, useRoute } from '../../app/router';
import { useShortcuts } from '../../app/shortcuts';
import { useMe } from '../../auth/session';
import { useDirectory } from '../../components/directory';
import { ErrorNote, Loading } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import { ConversationView } from '../conversation/conversation-view';
import { BulkBar } from './bulk-bar';
import { clearedFilters, isFiltered, parseFilters, serializeFilters, type InboxFilters, type Viewer } from './inbox-filters';
import { InboxRow } from './inbox-row';
import { InboxToolbar } from './inbox-toolbar';
import { useInboxList } from './use-inbox-list';
import './inbox.css';

const LIST_ID = 'inbox-list';
/** Scrolled further than this from the top, the list counts as being read and holds still. */
const SCROLLED_PX = 4;

/**
 * The inbox: the list of the chosen queue and filters on the left, the open conversation (`#/inbox/<id>`) on the
 * right; at tablet width one or the other. Filters live in the hash, so opening a conversation, going back or
 * reloading keeps them.
 */
export function InboxPage({ conversationId }: { conversationId?: string }) {
  const { t } = useI18n();
  const me = useMe();
  const { roles } = useDirectory();
  const route = useRoute();
  const queryText = route.query.toString();
  const filters = useMemo(() => parseFilters(new URLSearchParams(queryText), me), [queryText, me]);
  const listQuery = serializeFilters(filters);
  const myRoles = useMemo(() => roles.filter((r) => r.members.some((m) => m.userId === me.id)).map((r) => r.id).join(','), [roles, me.id]);
  const viewer = useMemo<Viewer>(() => ({ id: me.id, access: me.access, roleIds: new Set(myRoles ? myRoles.split(',') : []) }), [me.id, me.access, myRoles]);
  const canBulk = me.access === 'lead' || me.access === 'admin';

  const list = useInboxList(filters, viewer);
  const { rows, incoming, departed, nextCursor } = list.state;
  // An agent's roles decide what the list may hold: when they change (joined a role, or the roles arrived after
  // the list), the server's answer is the right one.
  const firstRoles = useRef(myRoles);
  useEffect(() => {
    if (firstRoles.current === myRoles) return;
    firstRoles.current = myRoles;
    if (me.access === 'agent') list.reload();
  }, [myRoles, me.access, list.reload]);

  const searchRef = useRef<HTMLInputElement>(null);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  // --- Holding the list still while it is being read ---
  const hold = useRef({ pointer: false, focus: false, scrolled: false });
  const updateHold = useCallback(
    (patch: Partial<typeof hold.current>) => {
      const wasScrolled = hold.current.scrolled;
      hold.current = { ...hold.current, ...patch };
      const { pointer, focus, scrolled } = hold.current;
      list.setHeld(pointer || focus || scrolled);
      // Scrolling back to the top is asking for what is new: show it even with the pointer still over the list.
      if (wasScrolled && !scrolled) list.releaseNow();
    },
    [list.setHeld, list.releaseNow],
  );

  // Other filters, another list: start it from its top.
  useEffect(() => {
    scrollerRef.current?.scrollTo({ top: 0 });
  }, [listQuery]);

  function showIncoming() {
    list.releaseNow();
    scrollerRef.current?.scrollTo({ top: 0 });
  }

  // --- Selection for bulk reassignment (leads, admins) ---
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkDone, setBulkDone] = useState<{ updated: number; total: number } | null>(null);
  const shownIds = useMemo(() => rows.map((r) => r.id), [rows]);
  const selectedShown = useMemo(() => shownIds.filter((id) => selected.has(id)), [shownIds, selected]);
  const toggle = useCallback((id: string) => {
    setBulkDone(null);
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const allSelected = shownIds.length > 0 && selectedShown.length === shownIds.length;
  const selectAllRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = selectedShown.length > 0 && !allSelected;
  }, [selectedShown.length, allSelected]);

  // --- Navigation ---
  const setFilters = (next: InboxFilters) => navigate(`/inbox${conversationId ? `/${conversationId}` : ''}?${serializeFilters(next)}`);
  const close = useCallback(() => navigate(`/inbox?${listQuery}`), [listQuery]);
  // Opening a conversation reads it; a customer message arriving while it is open is read at once too.
  useEffect(() => {
    if (conversationId && list.unread.has(conversationId)) list.markRead(conversationId);
  }, [conversationId, list.unread, list.markRead]);

  const rowLinks = () => Array.from(listRef.current?.querySelectorAll<HTMLAnchorElement>('a.inbox-row-link') ?? []);
  const focusedRow = (): HTMLElement | null => (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('.inbox-row') ?? null;
  function move(delta: number) {
    const links = rowLinks();
    if (links.length === 0) return;
    let at = links.findIndex((a) => a === document.activeElement);
    if (at < 0) at = links.findIndex((a) => a.getAttribute('aria-current') === 'true');
    const next = links[at < 0 ? (delta > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, at + delta))]!;
    next.focus();
    next.scrollIntoView({ block: 'nearest' });
  }

  useShortcuts({
    j: () => move(1),
    k: () => move(-1),
    o: () => {
      const id = focusedRow()?.dataset.conversationId;
      if (id) navigate(`/inbox/${id}?${listQuery}`);
    },
    x: () => {
      const id = focusedRow()?.dataset.conversationId;
      if (canBulk && id) toggle(id);
    },
    '/': () => searchRef.current?.focus(),
    // Bound only while a conversation is open, so Esc stays free for the shell (its help dialog) otherwise.
    ...(conversationId
      ? {
          Escape: (event: KeyboardEvent) => {
            // Leaving a text being written or a dialog is not leaving the conversation.
            if ((event.target as HTMLElement | null)?.closest('textarea, [contenteditable="true"], [role="dialog"]')) return;
            close();
          },
        }
      : {}),
  });

  return (
    <div className={`inbox${conversationId ? ' has-open' : ''}`}>
      <section className="inbox-list-pane" aria-labelledby="inbox-title">
        <InboxToolbar filters={filters} viewer={viewer} onChange={setFilters} searchRef={searchRef} listId={LIST_ID} />
        {canBulk && (
          <div className="inbox-select-all">
            <label className="check">
              <input
                ref={selectAllRef}
                type="checkbox"
                checked={allSelected}
                disabled={shownIds.length === 0}
                onChange={() => {
                  setBulkDone(null);
                  setSelected(allSelected ? new Set() : new Set(shownIds));
                }}
              />
              {t('inbox.selectAll')}
            </label>
            <span role="status" className={bulkDone ? 'note-ok inbox-bulk-done' : 'muted'}>
              {bulkDone ? t('inbox.bulk.done', bulkDone) : selectedShown.length > 0 ? t('inbox.selected', { count: selectedShown.length }) : ''}
            </span>
            {selectedShown.length > 0 && (
              <button type="button" className="link" onClick={() => setSelected(new Set())}>
                {t('inbox.bulk.clear')}
              </button>
            )}
          </div>
        )}
        <div
          className="inbox-list-wrap"
          onPointerEnter={() => updateHold({ pointer: true })}
          onPointerLeave={() => updateHold({ pointer: false })}
          onFocus={() => updateHold({ focus: true })}
          onBlur={(e) => {
            if (!e.currentTarget.contains(e.relatedTarget as Node | null)) updateHold({ focus: false });
          }}
        >
          {incoming.length > 0 && (
            <button type="button" className="inbox-new-bar" onClick={showIncoming}>
              {incoming.length === 1 ? t('inbox.newBar.one') : t('inbox.newBar.other', { count: incoming.length })}
            </button>
          )}
          <div className="inbox-scroller" ref={scrollerRef} onScroll={(e) => updateHold({ scrolled: e.currentTarget.scrollTop > SCROLLED_PX })}>
            {list.error ? (
              <ErrorNote error={list.error} onRetry={list.reload} />
            ) : list.loading && rows.length === 0 ? (
              <Loading />
            ) : rows.length === 0 ? (
              <div className="inbox-empty">
                <p>{t('inbox.empty')}</p>
                <p className="muted">{t('inbox.empty.live')}</p>
                {isFiltered(filters, viewer) && (
                  <button type="button" onClick={() => setFilters(clearedFilters(filters, viewer))}>
                    {t('inbox.filter.clear')}
                  </button>
                )}
              </div>
            ) : null}
            <ul id={LIST_ID} ref={listRef} className="inbox-rows" aria-label={t('inbox.list')} aria-busy={list.loading}>
              {rows.map((c) => (
                <InboxRow
                  key={c.id}
                  conversation={c}
                  href={href(`/inbox/${c.id}?${listQuery}`)}
                  open={c.id === conversationId}
                  flash={list.flash.has(c.id)}
                  unread={list.unread.has(c.id) && c.id !== conversationId}
                  departed={departed.has(c.id)}
                  showStatus={filters.status !== c.status}
                  selected={canBulk ? selected.has(c.id) : undefined}
                  onToggle={canBulk ? toggle : undefined}
                />
              ))}
            </ul>
            {nextCursor && !list.error && (
              <div className="inbox-more">
                <button type="button" onClick={list.loadMore} disabled={list.loadingMore}>
                  {list.loadingMore ? t('app.loading') : t('inbox.loadMore')}
                </button>
                <ErrorNote error={list.moreError} onRetry={list.loadMore} />
              </div>
            )}
          </div>
        </div>
        {canBulk && selectedShown.length > 0 && (
          <BulkBar
            ids={selectedShown}
            onDone={(updated, total) => {
              setSelected(new Set());
              setBulkDone({ updated, total });
            }}
          />
        )}
      </section>
      <section className="inbox-conversation-pane">
        {conversationId ? (
          <>
            <button type="button" className="inbox-back" onClick={close}>
              <span aria-hidden="true">← </span>
              {t('inbox.back')}
            </button>
            <ConversationView key={conversationId} conversationId={conversationId} onClose={close} />
          </>
        ) : (
          <p className="inbox-placeholder muted">{t('inbox.pickOne')}</p>
        )}
      </section>
    </div>
  );
}
