import { loadLabel, type MemberLoad, type PresenceStatus } from '../../components/workload';
import type { PresenceEntry } from './team-types';

/** free: room left; busy: 80 % or more used; full: at or over capacity; unlimited: no capacity set. */
export type LoadTone = 'free' | 'busy' | 'full' | 'unlimited';

export interface Load {
  /** Filled share of the bar, 0–1 (over capacity still fills it just once). */
  share: number;
  tone: LoadTone;
  /** "3/5", or "3/∞" without a capacity. */
  label: string;
}

const BUSY_SHARE = 0.8;

/** One role's bar on the Team page: how full it is and how that reads. */
export function loadOf(open: number, capacity: number | null): Load {
  const label = loadLabel(open, capacity);
  if (capacity === null) return { share: 0, tone: 'unlimited', label };
  if (open >= capacity) return { share: 1, tone: 'full', label };
  const share = open / capacity;
  return { share, tone: share >= BUSY_SHARE ? 'busy' : 'free', label };
}

/**
 * Presence from the list and from live events, whichever changed last. A list fetched just before an event can
 * answer after it: comparing `since` keeps the newer status instead of the one that arrived last.
 */
export function mergePresence(current: ReadonlyMap<string, PresenceEntry>, incoming: Iterable<PresenceEntry>): Map<string, PresenceEntry> {
  const next = new Map(current);
  for (const entry of incoming) {
    const known = next.get(entry.userId);
    if (!known || Date.parse(entry.since) >= Date.parse(known.since)) next.set(entry.userId, { userId: entry.userId, status: entry.status, since: entry.since });
  }
  return next;
}

export function presenceOf(member: Pick<MemberLoad, 'userId' | 'presence'>, live: ReadonlyMap<string, PresenceEntry>): PresenceStatus {
  return live.get(member.userId)?.status ?? member.presence;
}

/** After a reload, the rows still listed stay selected; the ones that left (reassigned elsewhere) drop out. */
export function keepSelected(selected: ReadonlySet<string>, ids: readonly string[]): Set<string> {
  const present = new Set(ids);
  return new Set([...selected].filter((id) => present.has(id)));
}

export function toggleOne(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** Select all rows, or none when all were already selected. */
export function toggleAll(selected: ReadonlySet<string>, ids: readonly string[]): Set<string> {
  return ids.length > 0 && ids.every((id) => selected.has(id)) ? new Set() : new Set(ids);
}
