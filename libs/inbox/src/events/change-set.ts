import type { MessageView } from '../conversations/views';

/**
 * What one transaction changed, collected as it goes and logged as events just before it commits. A
 * conversation's audience before the change is kept, so that an agent losing a conversation is told.
 */
export type ConversationChange = 'created' | 'updated' | 'assigned';
export type MessageChange = 'created' | 'updated';

export interface Audience {
  roleId: string | null;
  assigneeId: string | null;
}

/** One line of a conversation's history (`GET /api/conversations/:id/history`): who moved it, when, why, by which rule. */
export interface HistoryEntry {
  conversationId: string;
  type: string;
  actor: { type: 'system' | 'user'; id: string | null; name: string | null };
  reason: string | null;
  from: Audience | null;
  to: Audience | null;
  rule?: string | null;
  mapVersion?: number | null;
}

export type SlaTarget = 'first_response' | 'next_response' | 'resolution';

/** An SLA clock's moment, logged as `sla.warning`, `sla.breached` or `sla.met` with the conversation as it then is. */
export interface SlaChange {
  conversationId: string;
  type: 'warning' | 'breached' | 'met';
  target: SlaTarget;
  dueAt: string | null;
  /** Business seconds the clock had run when it concluded (met) or fired. */
  elapsedSeconds?: number;
  /** Anything else the event carries (who met it, whether the breach escalated). */
  detail?: Record<string, unknown>;
}

const RANK: Record<ConversationChange, number> = { updated: 0, assigned: 1, created: 2 };

export class ChangeSet {
  readonly conversations = new Map<string, ConversationChange>();
  readonly messages = new Map<string, MessageChange>();
  readonly before = new Map<string, Audience>();
  /** Messages removed from the desk (an echo folded into the reply it echoes), as they were, with their successor. */
  readonly removed: Array<{ message: MessageView; replacedBy: string }> = [];
  /** Who made the change and why, carried on assignment events. */
  readonly context = new Map<string, Record<string, unknown>>();
  /** History lines, written in the same transaction as the change they describe. */
  readonly history: HistoryEntry[] = [];
  /** SLA moments, in the order they happened. */
  readonly slas: SlaChange[] = [];

  conversation(id: string, change: ConversationChange, before?: Audience, context?: Record<string, unknown>): this {
    const had = this.conversations.get(id);
    if (had === undefined || RANK[change] > RANK[had]) this.conversations.set(id, change);
    if (before && !this.before.has(id)) this.before.set(id, before);
    if (context) this.context.set(id, context);
    return this;
  }

  message(id: string, change: MessageChange): this {
    if (this.messages.get(id) !== 'created') this.messages.set(id, change);
    return this;
  }

  /** Another set's changes after this one's, as if both had been recorded here. */
  merge(other: ChangeSet): this {
    for (const [id, change] of other.conversations) this.conversation(id, change, other.before.get(id), other.context.get(id));
    for (const [id, change] of other.messages) this.message(id, change);
    this.removed.push(...other.removed);
    this.history.push(...other.history);
    this.slas.push(...other.slas);
    return this;
  }

  record(entry: HistoryEntry): this {
    this.history.push(entry);
    return this;
  }

  sla(change: SlaChange): this {
    this.slas.push(change);
    return this;
  }

  messageRemoved(message: MessageView, replacedBy: string): this {
    this.removed.push({ message, replacedBy });
    return this;
  }

  get empty(): boolean {
    return this.conversations.size === 0 && this.messages.size === 0 && this.removed.length === 0 && this.history.length === 0 && this.slas.length === 0;
  }
}
