import { isOneOf, KINDS, PRIORITIES, STATUSES, type Access, type Conversation, type Kind, type Priority, type Status } from '../../api/types';

/**
 * The inbox's queues and filters: read from and written to the hash (`#/inbox?queue=mine&status=open&q=…`, so a
 * deep link or a reload keeps them), turned into the contract's query of `GET /api/conversations`, and decided
 * client-side for conversations that arrive live (`matches`). Pure: no React, no DOM.
 */

/** `mine`: assigned to me; `unassigned`: waiting in a queue (an agent's roles only); `all`: all I can see; `role:<id>`: one role's queue. */
export type Queue = 'mine' | 'unassigned' | 'all' | `role:${string}`;
export type SlaFilter = 'at_risk' | 'breached';

export interface InboxFilters {
  queue: Queue;
  /** `any`: every status (no `status` parameter). */
  status: Status | 'any';
  channelId: string | null;
  kind: Kind | null;
  priority: Priority | null;
  /** Leads, supervisors and admins only: an agent's list is scoped to its roles already. */
  roleId: string | null;
  sla: SlaFilter | null;
  q: string;
}

/** Who is looking: decides the queues offered and what an agent may see. */
export interface Viewer {
  id: string;
  access: Access;
  /** The task-force roles the viewer is a member of. */
  roleIds: ReadonlySet<string>;
}

export const SLA_FILTERS: readonly SlaFilter[] = ['at_risk', 'breached'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isAgent = (v: Pick<Viewer, 'access'>) => v.access === 'agent';
/** Supervisors watch; they hold no conversations, so "mine" would always be empty for them. */
const holdsConversations = (v: Pick<Viewer, 'access'>) => v.access !== 'supervisor';

/** The queues this viewer may pick, in the order they are shown; per-role queues for leads, supervisors and admins. */
export function queuesFor(viewer: Pick<Viewer, 'access'>, roleIds: readonly string[]): Queue[] {
  const queues: Queue[] = [];
  if (holdsConversations(viewer)) queues.push('mine');
  queues.push('unassigned', 'all');
  if (!isAgent(viewer)) for (const id of roleIds) queues.push(`role:${id}`);
  return queues;
}

/** An agent starts on their own work; everyone else on everything open. */
export function defaultFilters(viewer: Pick<Viewer, 'access'>): InboxFilters {
  return { queue: isAgent(viewer) ? 'mine' : 'all', status: 'open', channelId: null, kind: null, priority: null, roleId: null, sla: null, q: '' };
}

/** Whether anything beyond the queue differs from the defaults (offer "Clear filters"). */
export function isFiltered(f: InboxFilters, viewer: Pick<Viewer, 'access'>): boolean {
  const d = defaultFilters(viewer);
  return f.status !== d.status || !!(f.channelId || f.kind || f.priority || f.roleId || f.sla || f.q.trim());
}

/** The same queue with every filter back to its default. */
export const clearedFilters = (f: InboxFilters, viewer: Pick<Viewer, 'access'>): InboxFilters => ({ ...defaultFilters(viewer), queue: f.queue });

const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | null => (isOneOf(allowed, value) ? value : null);
const uuid = (value: string | null): string | null => (value !== null && UUID.test(value) ? value.toLowerCase() : null);

function parseQueue(value: string | null, viewer: Pick<Viewer, 'access'>): Queue | null {
  if (value === 'mine') return holdsConversations(viewer) ? 'mine' : null;
  if (value === 'unassigned' || value === 'all') return value;
  if (value?.startsWith('role:') && !isAgent(viewer)) {
    const id = uuid(value.slice(5));
    return id ? `role:${id}` : null;
  }
  return null;
}

/** The filters a hash query holds; anything missing, unknown or not allowed for this viewer falls back to the default. */
export function parseFilters(query: URLSearchParams, viewer: Pick<Viewer, 'access'>): InboxFilters {
  const d = defaultFilters(viewer);
  const status = query.get('status');
  return {
    queue: parseQueue(query.get('queue'), viewer) ?? d.queue,
    status: status === 'any' ? 'any' : (oneOf(status, STATUSES) ?? d.status),
    channelId: uuid(query.get('channel')),
    kind: oneOf(query.get('kind'), KINDS),
    priority: oneOf(query.get('priority'), PRIORITIES),
    roleId: isAgent(viewer) ? null : uuid(query.get('role')),
    sla: oneOf(query.get('sla'), SLA_FILTERS),
    q: (query.get('q') ?? '').slice(0, 200),
  };
}

/** The hash query for these filters (`queue=mine&status=open&q=…`): queue and status always, the rest when set. */
export function serializeFilters(f: InboxFilters): string {
  const q = new URLSearchParams();
  q.set('queue', f.queue);
  q.set('status', f.status);
  if (f.channelId) q.set('channel', f.channelId);
  if (f.kind) q.set('kind', f.kind);
  if (f.priority) q.set('priority', f.priority);
  if (f.roleId) q.set('role', f.roleId);
  if (f.sla) q.set('sla', f.sla);
  if (f.q.trim()) q.set('q', f.q.trim());
  return q.toString();
}

/** The role a per-role queue shows, or null. */
export const queueRole = (queue: Queue): string | null => (queue.startsWith('role:') ? queue.slice(5) : null);

/** The contract's query parameters of `GET /api/conversations` for these filters. */
export function listParams(f: InboxFilters): Record<string, string | undefined> {
  const role = queueRole(f.queue);
  const assigneeId = f.queue === 'mine' ? 'me' : f.queue === 'unassigned' || role ? 'none' : undefined;
  return {
    status: f.status === 'any' ? undefined : f.status,
    assigneeId,
    roleId: role ?? f.roleId ?? undefined,
    channelId: f.channelId ?? undefined,
    kind: f.kind ?? undefined,
    priority: f.priority ?? undefined,
    sla: f.sla ?? undefined,
    q: f.q.trim() || undefined,
  };
}

/**
 * Whether a conversation belongs in the list by everything but the search text, as the server would decide it:
 * an agent's scope (assigned to them or in one of their roles), the queue and each filter.
 */
export function matches(c: Conversation, f: InboxFilters, viewer: Viewer): boolean {
  const mine = c.assigneeId === viewer.id;
  if (isAgent(viewer) && !mine && !(c.roleId !== null && viewer.roleIds.has(c.roleId))) return false;
  const role = queueRole(f.queue);
  if (f.queue === 'mine' && !mine) return false;
  if ((f.queue === 'unassigned' || role) && c.assigneeId !== null) return false;
  if (role && c.roleId !== role) return false;
  if (!role && f.roleId && c.roleId !== f.roleId) return false;
  if (f.status !== 'any' && c.status !== f.status) return false;
  if (f.channelId && c.channelId !== f.channelId) return false;
  if (f.kind && c.kind !== f.kind) return false;
  if (f.priority && c.priority !== f.priority) return false;
  if (f.sla === 'at_risk' && c.sla.state !== 'warning') return false;
  if (f.sla === 'breached' && c.sla.state !== 'breached') return false;
  return true;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/**
 * Whether the search text surely finds this conversation: its words all appear in the contact's name or username,
 * the subject or the first line. The server's full-text search (stemmed, over every message) finds more; a live
 * conversation this cannot vouch for is left for the next load rather than shown where it may not belong.
 */
export function surelyFound(c: Conversation, q: string): boolean {
  const words = fold(q).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold([c.contact?.name, c.contact?.username, c.subject, c.preview].filter(Boolean).join(' '));
  return words.every((w) => haystack.includes(w));
}
