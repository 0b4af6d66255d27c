import type { Conversation } from '../../api/types';

/**
 * The inbox list as data, and how live changes merge into it. Pure: the page holds one ListState and replaces it
 * with what these functions return.
 *
 * "The list never jumps under the cursor": while the list is held (the user has scrolled down, or the pointer or the
 * keyboard focus is in it), nothing is inserted above or taken out of the rows shown. New conversations wait in
 * `incoming` (the "N new conversations" bar) and rows that left the view stay, marked `departed`, until `release`.
 * Changes to a row shown are applied in place at once.
 */
export interface ListState {
  /** The rows shown, in display order. */
  rows: Conversation[];
  /** New conversations that match, held back while the list is held; newest first. */
  incoming: Conversation[];
  /** Rows shown that no longer belong in this view (reassigned, resolved...), removed at release. */
  departed: ReadonlySet<string>;
  /** The server's cursor for the next page, or null on the last page. */
  nextCursor: string | null;
}

/** How the current queue and filters judge a conversation. */
export interface Rules {
  /** Still belongs here (a row already shown: the server put it in, so the search text need not be re-checked). */
  keeps(c: Conversation): boolean;
  /** A new arrival belongs here, surely enough to show it. */
  admits(c: Conversation): boolean;
}

export type Change = 'inserted' | 'held' | 'updated' | 'removed' | 'departed' | 'ignored';

export const EMPTY_LIST: ListState = { rows: [], incoming: [], departed: new Set(), nextCursor: null };

/** The server's order: latest activity first, then id (descending), as `GET /api/conversations` pages. */
export function byActivity(a: Conversation, b: Conversation): number {
  const d = Date.parse(b.lastMessageAt) - Date.parse(a.lastMessageAt);
  if (d !== 0) return d;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The first page of a (new) list. */
export function loaded(page: { items: Conversation[]; nextCursor?: string | null }): ListState {
  return { rows: dedupe(page.items), incoming: [], departed: new Set(), nextCursor: page.nextCursor ?? null };
}

/** The next page appended; rows already present (inserted live meanwhile) are not repeated. */
export function appendPage(state: ListState, page: { items: Conversation[]; nextCursor?: string | null }): ListState {
  const shown = new Set([...state.rows, ...state.incoming].map((c) => c.id));
  return { ...state, rows: [...state.rows, ...page.items.filter((c) => !shown.has(c.id))], nextCursor: page.nextCursor ?? null };
}

/**
 * An older copy than the one we hold: a lower version (status, assignment... changed since), or the same version
 * with older activity. Events arrive in order, but a conversation fetched by id can answer after a newer event.
 */
export function isStale(incoming: Conversation, held: Conversation): boolean {
  if (incoming.version !== held.version) return incoming.version < held.version;
  return Date.parse(incoming.lastMessageAt) < Date.parse(held.lastMessageAt);
}

/**
 * One conversation as it now is (from a live event or a fetch) merged into the list.
 * - A row shown is updated in place; if it left the view it is removed, or marked departed while held.
 * - A new conversation that belongs here is inserted in order, or held back in `incoming` while held. One that
 *   sorts below the last row while more pages remain is left for "Load more", where the server will list it.
 */
export function applyConversation(state: ListState, c: Conversation, rules: Rules, held: boolean): { state: ListState; change: Change } {
  const at = state.rows.findIndex((r) => r.id === c.id);
  if (at >= 0) {
    const current = state.rows[at]!;
    if (isStale(c, current)) return { state, change: 'ignored' };
    const merged = mergeFields(current, c);
    const rows = state.rows.slice();
    rows[at] = merged;
    if (rules.keeps(merged)) {
      const departed = without(state.departed, c.id);
      // While held the row stays where it is; otherwise newer activity moves it up, as the server would list it.
      return { state: { ...state, rows: held ? rows : rows.sort(byActivity), departed }, change: 'updated' };
    }
    if (held) return { state: { ...state, rows, departed: new Set(state.departed).add(c.id) }, change: 'departed' };
    return { state: { ...state, rows: rows.filter((r) => r.id !== c.id), departed: without(state.departed, c.id) }, change: 'removed' };
  }
  const waiting = state.incoming.findIndex((r) => r.id === c.id);
  if (waiting >= 0) {
    const current = state.incoming[waiting]!;
    if (isStale(c, current)) return { state, change: 'ignored' };
    const merged = mergeFields(current, c);
    const incoming = state.incoming.filter((r) => r.id !== c.id);
    if (!rules.keeps(merged)) return { state: { ...state, incoming }, change: 'removed' };
    return { state: { ...state, incoming: [...incoming, merged].sort(byActivity) }, change: 'held' };
  }
  if (!rules.admits(c)) return { state, change: 'ignored' };
  const last = state.rows[state.rows.length - 1];
  if (state.nextCursor !== null && last && byActivity(c, last) > 0) return { state, change: 'ignored' };
  if (held) return { state: { ...state, incoming: [...state.incoming, c].sort(byActivity) }, change: 'held' };
  return { state: { ...state, rows: [...state.rows, c].sort(byActivity) }, change: 'inserted' };
}

/** A conversation the viewer can no longer read (its fetch answered 404): out of the list, like one that left the view. */
export function dropConversation(state: ListState, id: string, held: boolean): { state: ListState; change: Change } {
  if (state.incoming.some((r) => r.id === id)) return { state: { ...state, incoming: state.incoming.filter((r) => r.id !== id) }, change: 'removed' };
  if (!state.rows.some((r) => r.id === id)) return { state, change: 'ignored' };
  if (held) return { state: { ...state, departed: new Set(state.departed).add(id) }, change: 'departed' };
  return { state: { ...state, rows: state.rows.filter((r) => r.id !== id), departed: without(state.departed, id) }, change: 'removed' };
}

/** The list let go: held-back conversations inserted, departed rows removed, everything in the server's order. */
export function release(state: ListState): ListState {
  if (state.incoming.length === 0 && state.departed.size === 0) return state;
  const rows = dedupe([...state.incoming, ...state.rows.filter((r) => !state.departed.has(r.id))]).sort(byActivity);
  return { ...state, rows, incoming: [], departed: new Set() };
}

/** Whether releasing would change what is shown (something is held back or departed). */
export const hasHeldChanges = (state: ListState): boolean => state.incoming.length > 0 || state.departed.size > 0;

/**
 * A live copy over the one held. Fields the event's shape may lack (an older server without `preview`) keep the
 * value we had rather than vanishing from the row.
 */
function mergeFields(current: Conversation, next: Conversation): Conversation {
  const merged = { ...current, ...next };
  if (next.preview === undefined && current.preview !== undefined) merged.preview = current.preview;
  delete merged.messages;
  return merged;
}

function dedupe(list: Conversation[]): Conversation[] {
  const seen = new Set<string>();
  return list.filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
}

function without(set: ReadonlySet<string>, id: string): ReadonlySet<string> {
  if (!set.has(id)) return set;
  const next = new Set(set);
  next.delete(id);
  return next;
}
