import type { Attachment, ChannelType, DeliveryStatus, EventKind } from '@app/channels';
import type { ConversationStatus, Priority } from '../entities/conversation.entity';
import type { AuthorType, Direction } from '../entities/message.entity';
import { influenceOf, type Influence } from '../contacts/influence';

export interface ConversationView {
  id: string;
  channelId: string;
  channelType: ChannelType;
  kind: EventKind;
  status: ConversationStatus;
  snoozedUntil: string | null;
  priority: Priority;
  roleId: string | null;
  assigneeId: string | null;
  contact: { id: string; name: string | null; username: string | null; followers: number | null; influence: Influence } | null;
  language: string | null;
  sentiment: string | null;
  tags: string[];
  subject: string | null;
  /** The first line of the customer's latest message (trimmed, at most 140 characters); null before any, or when it has no text. */
  preview: string | null;
  /** What the conversation is about: the post, page or video it was started on; null when the platform said nothing. */
  context: ConversationContext | null;
  lastMessageAt: string;
  waitingSince: string | null;
  createdAt: string;
  /** Grows with every change of status, priority, role, assignee, tags or snooze: send it back as If-Match. */
  version: number;
  /** How the conversation got its role: the map version in force and the rule that decided (null: the default role). */
  routing: { mapVersion: number | null; rule: string | null };
  assignedAt: string | null;
  /** When the assignee must have replied before the conversation escalates (the role's acceptance timer). */
  acceptDueAt: string | null;
  sla: {
    policyId: string | null;
    firstResponseDueAt: string | null;
    nextResponseDueAt: string | null;
    resolutionDueAt: string | null;
    firstRespondedAt: string | null;
    state: SlaState;
  };
}

export interface ConversationContext {
  /** The platform's public link (http or https only). */
  url: string | null;
  title: string | null;
}

/** ok: clocks running in time; warning/breached: the worst running clock; met/breached with none running: how the last one ended. */
export type SlaState = 'none' | 'ok' | 'warning' | 'breached' | 'met';

export interface ReplyHold {
  reason: string;
  topics: string[];
  terms: string[];
  heldAt: string;
  decidedBy?: { id: string; name: string };
  decidedAt?: string;
  decisionNote?: string | null;
}

export interface MessageView {
  id: string;
  conversationId: string;
  direction: Direction;
  text: string;
  author: { type: AuthorType; id: string | null; name: string | null };
  externalId: string | null;
  parentExternalId: string | null;
  createdAt: string;
  receivedAt: string;
  deliveryStatus?: DeliveryStatus | 'held' | 'rejected';
  deliveryError?: string;
  /** Why a reply waits for a lead (deliveryStatus `held`), or why a lead rejected it (`rejected`). */
  hold?: ReplyHold;
  /** Warning terms of the reply policy that this reply contains; it was sent anyway. */
  policyWarnings?: string[];
  attachments: Attachment[];
  edited: boolean;
  previousTexts: Array<{ text: string; replacedAt: string }>;
  deleted: boolean;
  deletedAt: string | null;
}

/** The columns every conversation read selects, so that one mapper serves the list, the detail and the writes. */
export const CONVERSATION_COLUMNS = `c.id, c.channel_id, c.channel_type, c.kind, c.status, c.snoozed_until, c.priority, c.role_id,
  c.assignee_id, c.language, c.sentiment, c.tags, c.subject, c.preview, c.context_url, c.context_title, c.sla_state, c.sla_policy_id, c.sla_first_response_due_at, c.sla_next_response_due_at,
  c.sla_resolution_due_at, c.sla_first_responded_at, c.last_message_at, c.waiting_since, c.created_at,
  c.version, c.map_version, c.route_rule, c.assigned_at, c.accept_due_at,
  (extract(epoch FROM c.last_message_at) * 1000000)::bigint::text AS activity_us,
  ct.id AS contact_id, ct.name AS contact_name, ct.username AS contact_username, ct.followers AS contact_followers`;
export const CONVERSATION_FROM = `conversations c LEFT JOIN contacts ct ON ct.id = c.contact_id`;

export type ConversationRow = Record<string, unknown> & { id: string; activity_us: string };

const iso = (v: unknown): string | null => (v instanceof Date ? v.toISOString() : null);

export function toConversationView(r: ConversationRow): ConversationView {
  return {
    id: r.id,
    channelId: r.channel_id as string,
    channelType: r.channel_type as ChannelType,
    kind: r.kind as EventKind,
    status: r.status as ConversationStatus,
    snoozedUntil: iso(r.snoozed_until),
    priority: r.priority as Priority,
    roleId: (r.role_id as string | null) ?? null,
    assigneeId: (r.assignee_id as string | null) ?? null,
    contact: r.contact_id
      ? {
          id: r.contact_id as string,
          name: (r.contact_name as string | null) ?? null,
          username: (r.contact_username as string | null) ?? null,
          followers: (r.contact_followers as number | null) ?? null,
          influence: influenceOf((r.contact_followers as number | null) ?? null),
        }
      : null,
    language: (r.language as string | null) ?? null,
    sentiment: (r.sentiment as string | null) ?? null,
    tags: (r.tags as string[]) ?? [],
    subject: (r.subject as string | null) ?? null,
    preview: (r.preview as string | null) ?? null,
    context:
      r.context_url || r.context_title ? { url: (r.context_url as string | null) ?? null, title: (r.context_title as string | null) ?? null } : null,
    lastMessageAt: iso(r.last_message_at)!,
    waitingSince: iso(r.waiting_since),
    createdAt: iso(r.created_at)!,
    version: r.version as number,
    routing: { mapVersion: (r.map_version as number | null) ?? null, rule: (r.route_rule as string | null) ?? null },
    assignedAt: iso(r.assigned_at),
    acceptDueAt: iso(r.accept_due_at),
    sla: {
      policyId: (r.sla_policy_id as string | null) ?? null,
      firstResponseDueAt: iso(r.sla_first_response_due_at),
      nextResponseDueAt: iso(r.sla_next_response_due_at),
      resolutionDueAt: iso(r.sla_resolution_due_at),
      firstRespondedAt: iso(r.sla_first_responded_at),
      state: r.sla_state as SlaState,
    },
  };
}

export const MESSAGE_COLUMNS = `id, conversation_id, direction, text, author_type, author_id, author_name, external_id, parent_external_id,
  created_at, received_at, delivery_status, delivery_error, attachments, edited, edit_history, deleted, deleted_at, hold, policy_warnings`;

export function toMessageView(r: Record<string, unknown>): MessageView {
  return {
    id: r.id as string,
    conversationId: r.conversation_id as string,
    direction: r.direction as Direction,
    text: r.text as string,
    author: { type: r.author_type as AuthorType, id: (r.author_id as string | null) ?? null, name: (r.author_name as string | null) ?? null },
    externalId: (r.external_id as string | null) ?? null,
    parentExternalId: (r.parent_external_id as string | null) ?? null,
    createdAt: iso(r.created_at)!,
    receivedAt: iso(r.received_at)!,
    ...(r.delivery_status ? { deliveryStatus: r.delivery_status as DeliveryStatus | 'held' | 'rejected' } : {}),
    ...(r.delivery_status === 'failed' ? { deliveryError: (r.delivery_error as string | null) ?? 'delivery failed' } : {}),
    ...(r.hold ? { hold: r.hold as ReplyHold } : {}),
    ...((r.policy_warnings as string[] | null)?.length ? { policyWarnings: r.policy_warnings as string[] } : {}),
    attachments: (r.attachments as Attachment[]) ?? [],
    edited: r.edited as boolean,
    previousTexts: (r.edit_history as Array<{ text: string; replacedAt: string }>) ?? [],
    deleted: r.deleted as boolean,
    deletedAt: iso(r.deleted_at),
  };
}
