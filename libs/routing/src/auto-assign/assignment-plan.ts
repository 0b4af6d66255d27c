import type { AssignmentStrategy } from '../roles/role';

export type QueuePriority = 'urgent' | 'high' | 'normal' | 'low';

/** A conversation waiting unassigned in a role's queue. Times are any comparable instants (ms or µs since the epoch). */
export interface QueuedConversation {
  id: string;
  priority: QueuePriority;
  waitingSince: number | null;
  lastMessageAt: number;
  /** Who never gets it automatically: the assignee it just escalated away from, for not answering in time. */
  avoid?: string | null;
}

/** A member who may receive conversations now (online, active, answers customers). */
export interface Candidate {
  userId: string;
  /** The most open conversations of the role they hold at once; null is unlimited. */
  capacity: number | null;
  /** Open conversations of the role they hold now. */
  load: number;
  /** When they last got one of the role automatically (same unit as the queue's times); null: never. */
  lastAssignedAt: number | null;
}

export interface PlannedAssignment {
  conversationId: string;
  userId: string;
}

const URGENCY: Record<QueuePriority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

/**
 * Most urgent first, then the one waiting longest: waiting_since (a conversation nobody waits on comes after those
 * somebody does), then last activity, then id so that every process agrees on the order. The SQL that fills a
 * batch sorts the same way (see queueOrder), so the batch is the head of this order.
 */
export function compareQueue(a: QueuedConversation, b: QueuedConversation): number {
  return (
    URGENCY[a.priority] - URGENCY[b.priority] ||
    nullsLast(a.waitingSince, b.waitingSince) ||
    a.lastMessageAt - b.lastMessageAt ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The same order in SQL, over the conversations table under the alias given. */
export const queueOrder = (c: string): string =>
  `CASE ${c}.priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, ${c}.waiting_since ASC NULLS LAST, ${c}.last_message_at, ${c}.id`;

/**
 * Who gets what, in the order it should happen. Pure: the caller supplies the queue and the eligible members and
 * applies the result. Nobody goes over capacity; `manual` hands out nothing.
 * - round_robin: the member under capacity who got one longest ago (never first), ties by user id. Each member
 *   goes to the back of the line as soon as they get one, so a pass with many conversations deals them out in turns.
 * - least_busy: the member holding fewest, then the lowest share of their capacity, then who got one longest ago.
 * A conversation's `avoid` member never gets it: when nobody else can take it, it stays queued (for someone else,
 * or a lead, who was told of the escalation) and the conversations behind it are dealt as usual.
 */
export function planAssignments(strategy: AssignmentStrategy, queue: QueuedConversation[], candidates: Candidate[]): PlannedAssignment[] {
  if (strategy === 'manual') return [];
  const members = candidates
    .filter((c) => c.capacity === null || c.load < c.capacity)
    .map((c) => ({ userId: c.userId, capacity: c.capacity, load: c.load, last: c.lastAssignedAt ?? -Infinity }));
  if (members.length === 0) return [];
  // Those dealt a conversation in this pass come after everyone's earlier times, in the order they were dealt.
  let clock = Math.max(0, ...members.map((m) => m.last).filter(Number.isFinite)) + 1;
  const better = strategy === 'least_busy' ? leastBusyFirst : roundRobinFirst;
  const plan: PlannedAssignment[] = [];
  for (const conversation of [...queue].sort(compareQueue)) {
    let pick: (typeof members)[number] | undefined;
    for (const m of members) {
      if ((m.capacity !== null && m.load >= m.capacity) || avoided(m, conversation)) continue;
      if (!pick || better(m, pick) < 0) pick = m;
    }
    if (!pick) {
      if (members.some((m) => m.capacity === null || m.load < m.capacity)) continue;
      break;
    }
    plan.push({ conversationId: conversation.id, userId: pick.userId });
    pick.load += 1;
    pick.last = clock++;
  }
  return plan;
}

interface Standing {
  userId: string;
  capacity: number | null;
  load: number;
  last: number;
}

const avoided = (m: Standing, c: QueuedConversation): boolean => c.avoid !== undefined && c.avoid !== null && m.userId === c.avoid;

function roundRobinFirst(a: Standing, b: Standing): number {
  return a.last - b.last || byId(a, b);
}

function leastBusyFirst(a: Standing, b: Standing): number {
  return a.load - b.load || share(a) - share(b) || a.last - b.last || byId(a, b);
}

/** Unlimited capacity is never full: its share is 0. */
function share(m: Standing): number {
  return m.capacity === null ? 0 : m.load / m.capacity;
}

function byId(a: Standing, b: Standing): number {
  return a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
}

function nullsLast(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}
