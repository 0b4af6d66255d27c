import type { MemberLoad, PresenceEntry, PresenceStatus } from './team-types';

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

export function loadOf(open: number, capacity: number | null): Load {
  if (capacity === null) return { share: 0, tone: 'unlimited', label: `${open}/∞` };
  const label = `${open}/${capacity}`;
  if (open >= capacity) return { share: 1, tone: 'full', label };
  const share = open / capacity;
  return { share, tone: share >= BUSY_SHARE ? 'busy' : 'free', label };
}

/**
 * A member's load over all their roles, for the assignment picker: every open conversation they hold against the
 * sum of their roles' capacities (unlimited as soon as one role has none, or they are in no role).
 */
export function memberLoad(member: Pick<MemberLoad, 'open' | 'roles'>): Load {
  const limited = member.roles.length > 0 && member.roles.every((r) => r.capacity !== null);
  return loadOf(member.open, limited ? member.roles.reduce((sum, r) => sum + (r.capacity ?? 0), 0) : null);
}

export function loadLabels(members: MemberLoad[]): Map<string, string> {
  return new Map(members.map((m) => [m.userId, memberLoad(m).label]));
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
