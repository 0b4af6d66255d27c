import type { Conversation } from '../../api/types';
import { toneOf, type SlaTarget, type SlaTone } from '../../components/sla-clock-logic';

/** One running clock as `GET /api/sla/board` answers it. */
export interface BoardItem {
  conversation: Conversation;
  target: SlaTarget;
  dueAt: string;
  remainingSeconds: number;
}

export interface BoardRow {
  /** Conversation and target: a conversation with two clocks running has two rows. */
  key: string;
  conversation: Conversation;
  target: SlaTarget;
  /** When the clock falls due, on this browser's clock (ms). */
  dueAt: number;
  /** True for the conversation's soonest row: the one the conversation's `sla.state` speaks about. */
  leads: boolean;
}

/**
 * A browser clock off by more than this from the desk's (a laptop without time sync) is corrected with the
 * server's `remainingSeconds`; within it, `dueAt` is used as is, since `remainingSeconds` is rounded down to the
 * second and the answer took some time to arrive.
 */
export const SKEW_TOLERANCE_MS = 5000;

/** The board's rows, soonest due first, with due instants on the browser's clock (`receivedAt`: when the answer came). */
export function toBoardRows(items: BoardItem[], receivedAt: number): BoardRow[] {
  const rows = items.map((item) => {
    const serverDue = Date.parse(item.dueAt);
    const byRemaining = receivedAt + item.remainingSeconds * 1000;
    const dueAt = Math.abs(byRemaining - serverDue) > SKEW_TOLERANCE_MS ? byRemaining : serverDue;
    return { key: `${item.conversation.id}:${item.target}`, conversation: item.conversation, target: item.target, dueAt, leads: false };
  });
  rows.sort((a, b) => a.dueAt - b.dueAt || a.key.localeCompare(b.key));
  const seen = new Set<string>();
  for (const row of rows) {
    row.leads = !seen.has(row.conversation.id);
    seen.add(row.conversation.id);
  }
  return rows;
}

/**
 * The colour of one row now. The conversation's `sla.state` is that of its worst running clock, which is its
 * soonest one, so a later clock of the same conversation is amber only once the server says so for it (it is then
 * the soonest). Past due is red at once, before the server's `sla.breached` arrives.
 */
export function rowTone(row: BoardRow, now: number): SlaTone {
  const state = row.leads ? row.conversation.sla.state : 'ok';
  return toneOf(state, row.conversation.status, { target: row.target, dueAt: row.dueAt }, now);
}

export interface BoardSummary {
  running: number;
  atRisk: number;
  breached: number;
}

export function summarize(rows: BoardRow[], now: number): BoardSummary {
  const summary: BoardSummary = { running: rows.length, atRisk: 0, breached: 0 };
  for (const row of rows) {
    const tone = rowTone(row, now);
    if (tone === 'warning') summary.atRisk += 1;
    else if (tone === 'breached') summary.breached += 1;
  }
  return summary;
}

export const NO_ROLE = 'none';

export interface BoardFilter {
  /** '' any, `NO_ROLE` conversations without a role, else a role id. */
  roleId: string;
  channelId: string;
  target: '' | SlaTarget;
}

export const ANY_FILTER: BoardFilter = { roleId: '', channelId: '', target: '' };

export function filterRows(rows: BoardRow[], filter: BoardFilter): BoardRow[] {
  return rows.filter(
    (r) =>
      (!filter.roleId || (filter.roleId === NO_ROLE ? r.conversation.roleId === null : r.conversation.roleId === filter.roleId)) &&
      (!filter.channelId || r.conversation.channelId === filter.channelId) &&
      (!filter.target || r.target === filter.target),
  );
}

/** The row at the top of the visible part of a scrolled list, and how far below the top edge it starts. */
export interface ScrollAnchor {
  key: string;
  offset: number;
}

/**
 * The first row still (partly) visible at `scrollTop`, so a refresh that adds or removes rows above it can put it
 * back where the reader saw it. At the very top there is no anchor: new rows then show up above, as they should.
 */
export function findAnchor(rows: Array<{ key: string; top: number; bottom: number }>, scrollTop: number): ScrollAnchor | null {
  if (scrollTop <= 0) return null;
  const row = rows.find((r) => r.bottom > scrollTop);
  return row ? { key: row.key, offset: row.top - scrollTop } : null;
}
