import { CHANNEL_TYPES, isOneOf, type ChannelType, type Conversation } from '../../api/types';

/** Whether a contact identity's platform is one the desk names (else it is shown as the server wrote it). */
export const isChannelType = (platform: string): platform is ChannelType => isOneOf(CHANNEL_TYPES, platform);

/** The contact's other conversations, newest activity first, without the one on screen. */
export function pastConversations(list: readonly Conversation[], currentId: string): Conversation[] {
  return list.filter((c) => c.id !== currentId).sort((a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt));
}

/** History line types the desk writes (README "History", "SLA timers"); others are shown as the server names them. */
export const HISTORY_TYPES = [
  'routed',
  'assigned',
  'unassigned',
  'reassigned',
  'returned',
  'escalated',
  'sla_policy',
  'sla_warning',
  'sla_breached',
  'sla_met',
  'sla_missed',
] as const;
export type KnownHistoryType = (typeof HISTORY_TYPES)[number];

export const isKnownHistoryType = (type: string): type is KnownHistoryType => (HISTORY_TYPES as readonly string[]).includes(type);

/** SLA lines read differently from assignment lines (a clock, not a move). */
export const isSlaLine = (type: string): boolean => type.startsWith('sla_');
