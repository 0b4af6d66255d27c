import type { EntityManager } from 'typeorm';
import type { ChangeSet } from '../events/change-set';

/**
 * What may move a conversation's SLA clocks, as the inbox sees it happen:
 * - a customer's message, at its own time (the platform's createdAt);
 * - a human answer (an agent's reply as it is queued, a held reply as it is approved, the business's own reply echoed
 *   by the platform), at its own time; `agentId` is null for an echo;
 * - a status change (pending and snoozed pause the clocks, open resumes them, resolved ends the cycle).
 */
export type SlaHappening = { type: 'inbound'; at: Date } | { type: 'reply'; at: Date; agentId: string | null } | { type: 'status' };

/**
 * The SLA engine, called inside the transaction that makes the change, so that a clock never disagrees with the
 * conversation it times. Provided by the SLA library (which depends on this one, not the other way round).
 */
export interface SlaTracker {
  track(m: EntityManager, workspaceId: string, conversationId: string, happening: SlaHappening, changes: ChangeSet): Promise<void>;
}

export const SLA_TRACKER = Symbol('SLA_TRACKER');

/** For tests and tools that apply events without SLA clocks. */
export const NO_SLA: SlaTracker = { track: async () => undefined };
