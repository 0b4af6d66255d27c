import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, query } from '../../api/client';
import type { Conversation, Message, Page } from '../../api/types';
import { useSession } from '../../auth/session';
import { useLiveEvents, type LiveEventName } from '../../live/live';
import { listParams, matches, surelyFound, type InboxFilters, type Viewer } from './inbox-filters';
import { appendPage, applyConversation, dropConversation, EMPTY_LIST, hasHeldChanges, loaded, release, type Change, type ListState, type Rules } from './inbox-list';

const PAGE_SIZE = 50;
/** How long a row that just arrived stays highlighted. */
const FLASH_MS = 4000;

/** Events that carry the conversation as it now is (`conversation`), or at least its id. */
const CONVERSATION_EVENTS: LiveEventName[] = ['conversation.created', 'conversation.updated', 'conversation.assigned', 'sla.warning', 'sla.breached', 'sla.met', 'message.updated'];

interface ConversationEvent {
  conversation?: Conversation;
  conversationId?: string;
  message?: Pick<Message, 'direction' | 'text'>;
}

export interface InboxList {
  state: ListState;
  loading: boolean;
  error: unknown;
  reload(): void;
  loadMore(): void;
  loadingMore: boolean;
  moreError: unknown;
  /** Rows that arrived live a moment ago (highlighted). */
  flash: ReadonlySet<string>;
  /** Rows with a customer message since the list loaded, not opened yet. */
  unread: ReadonlySet<string>;
  markRead(id: string): void;
  /** The user is reading the list (scrolled down, pointer or focus in it): hold insertions and removals. */
  setHeld(held: boolean): void;
  /** Show what was held back now (the "N new conversations" bar). */
  releaseNow(): void;
}

/** The first line of a text, as the server's preview gives it, for an event from a server without `preview`. */
const firstLine = (text: string) => text.split('\n').find((l) => l.trim() !== '')?.trim().slice(0, 200) ?? '';

/**
 * The inbox list of these filters: its pages over HTTP, kept current by the live events, with the hold that keeps
 * rows from moving under the user. Events that arrive while a page loads are applied again on top of it, so none
 * is lost to the race.
 */
export function useInboxList(filters: InboxFilters, viewer: Viewer): InboxList {
  const { api } = useSession();
  const [state, setState] = useState<ListState>(EMPTY_LIST);
  const stateRef = useRef(state);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(undefined);
  const [round, setRound] = useState(0);
  const [flash, setFlash] = useState<ReadonlySet<string>>(new Set());
  const [unread, setUnread] = useState<ReadonlySet<string>>(new Set());
  const held = useRef(false);
  const pendingEvents = useRef<Conversation[] | null>(null);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());

  const path = `/api/conversations${query({ ...listParams(filters), limit: PAGE_SIZE })}`;
  const pathRef = useRef(path);
  pathRef.current = path;
  const rules = useMemo<Rules>(
    () => ({
      keeps: (c) => matches(c, filters, viewer),
      admits: (c) => matches(c, filters, viewer) && surelyFound(c, filters.q),
    }),
    [filters, viewer],
  );
  const rulesRef = useRef(rules);
  rulesRef.current = rules;

  const commit = useCallback((next: ListState) => {
    stateRef.current = next;
    setState(next);
  }, []);

  const highlight = useCallback((ids: string[]) => {
    if (ids.length === 0) return;
    setFlash((f) => new Set([...f, ...ids]));
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setFlash((f) => new Set([...f].filter((id) => !ids.includes(id))));
    }, FLASH_MS);
    timers.current.add(timer);
  }, []);

  useEffect(() => {
    const all = timers.current;
    return () => all.forEach(clearTimeout);
  }, []);

  const applyOne = useCallback(
    (c: Conversation): Change => {
      pendingEvents.current?.push(c);
      const { state: next, change } = applyConversation(stateRef.current, c, rulesRef.current, held.current);
      if (next !== stateRef.current) commit(next);
      if (change === 'inserted') highlight([c.id]);
      return change;
    },
    [commit, highlight],
  );

  // The first page, again whenever the filters change (the rows of other filters go at once) or on reload (the rows
  // stay until the fresh page replaces them). A reload while the same list loads does not cancel it (under steady
  // reloads nothing would ever arrive): one more load follows it. Other filters do cancel it.
  const shownPath = useRef<string | null>(null);
  const flight = useRef<{ path: string; again: boolean; abort: AbortController } | null>(null);
  useEffect(() => {
    if (flight.current?.path === path) {
      flight.current.again = true;
      return;
    }
    flight.current?.abort.abort();
    const mine = { path, again: false, abort: new AbortController() };
    flight.current = mine;
    pendingEvents.current = [];
    setLoading(true);
    setError(undefined);
    setMoreError(undefined);
    if (shownPath.current !== path) {
      shownPath.current = null;
      commit(EMPTY_LIST);
    }
    api<Page<Conversation>>(path, { signal: mine.abort.signal })
      .then((page) => {
        if (flight.current !== mine) return;
        const arrived = pendingEvents.current ?? [];
        pendingEvents.current = null;
        let next = loaded(page);
        for (const c of arrived) next = applyConversation(next, c, rulesRef.current, held.current).state;
        shownPath.current = path;
        commit(next);
      })
      .catch((e: Error) => {
        if (e.name === 'AbortError' || flight.current !== mine) return;
        pendingEvents.current = null;
        setError(e);
      })
      .finally(() => {
        if (flight.current !== mine) return;
        flight.current = null;
        if (mine.again) setRound((r) => r + 1);
        else setLoading(false);
      });
  }, [api, path, round, commit]);
  useEffect(() => () => flight.current?.abort.abort(), []);

  const loadMore = useCallback(() => {
    const cursor = stateRef.current.nextCursor;
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    setMoreError(undefined);
    const requested = path;
    api<Page<Conversation>>(`/api/conversations${query({ ...listParams(filters), limit: PAGE_SIZE, cursor })}`)
      .then((page) => {
        // The filters changed while the page loaded: it belongs to a list no longer shown.
        if (requested === pathRef.current) commit(appendPage(stateRef.current, page));
      })
      .catch(setMoreError)
      .finally(() => setLoadingMore(false));
  }, [api, path, filters, loadingMore, commit]);

  /** A conversation an event named without carrying it: read it by id (404: the viewer can no longer see it). */
  const refetch = useCallback(
    (id: string) => {
      api<Conversation>(`/api/conversations/${id}`).then(
        (c) => applyOne(c),
        (e: unknown) => {
          if (e instanceof ApiError && e.status === 404) commit(dropConversation(stateRef.current, id, held.current).state);
        },
      );
    },
    [api, applyOne, commit],
  );

  useLiveEvents(CONVERSATION_EVENTS, (payload: ConversationEvent) => {
    if (payload.conversation) applyOne(payload.conversation);
    else if (payload.conversationId) refetch(payload.conversationId);
  });

  useLiveEvents(['message.created'], (payload: ConversationEvent) => {
    const id = payload.conversation?.id ?? payload.conversationId;
    if (!id) return;
    const inbound = payload.message?.direction === 'inbound';
    if (payload.conversation) {
      const c = payload.conversation;
      applyOne(c.preview === undefined && inbound && payload.message ? { ...c, preview: firstLine(payload.message.text) } : c);
    } else refetch(id);
    if (inbound) setUnread((u) => (u.has(id) ? u : new Set(u).add(id)));
  });

  const markRead = useCallback((id: string) => {
    setUnread((u) => {
      if (!u.has(id)) return u;
      const next = new Set(u);
      next.delete(id);
      return next;
    });
  }, []);

  const releaseNow = useCallback(() => {
    const current = stateRef.current;
    if (!hasHeldChanges(current)) return;
    highlight(current.incoming.map((c) => c.id));
    commit(release(current));
  }, [commit, highlight]);

  const setHeld = useCallback(
    (value: boolean) => {
      held.current = value;
      if (!value) releaseNow();
    },
    [releaseNow],
  );

  const reload = useCallback(() => setRound((r) => r + 1), []);

  // A first connection replays nothing, and a lost replay position cannot: the list loads again (LiveProvider).
  useLiveEvents(['live.resync'], reload);

  return { state, loading, error, reload, loadMore, loadingMore, moreError, flash, unread, markRead, setHeld, releaseNow };
}
