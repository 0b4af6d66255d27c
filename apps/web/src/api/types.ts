// The API's shapes as the browser desk reads them (CONTRACT.md and /api/docs-json).
// The contract's enumerations, each listed once: the union types come from these lists, and pages offer their
// choices (selects, check lists, filters) in these orders.
export const ACCESS_LEVELS = ['agent', 'lead', 'supervisor', 'admin'] as const;
export type Access = (typeof ACCESS_LEVELS)[number];
// The server's own list (a module with no imports, bundled as is).
export { CHANNEL_TYPES, type ChannelType } from '../../../../libs/channels/src/types/channel-type';
import type { ChannelType } from '../../../../libs/channels/src/types/channel-type';
export const KINDS = ['comment', 'mention', 'message'] as const;
export type Kind = (typeof KINDS)[number];
export const STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type Status = (typeof STATUSES)[number];
/** Least to most pressing. */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];
/** Most to least pressing: the order of filters and policy choices, where the pressing ones are looked for first. */
export const PRIORITIES_URGENT_FIRST: readonly Priority[] = [...PRIORITIES].reverse();
export type SlaState = 'none' | 'ok' | 'warning' | 'breached' | 'met';
export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** Whether a string from outside (an address, a platform's name) is one of a list's values. */
export const isOneOf = <T extends string>(list: readonly T[], value: string | null | undefined): value is T => (list as readonly (string | null | undefined)[]).includes(value);

export interface User {
  id: string;
  email: string;
  name: string;
  access: Access;
  workspaceId: string;
}
export interface Membership {
  workspaceId: string;
  name: string;
  access: Access;
}
export interface Me extends User {
  memberships: Membership[];
}
export interface LoginAnswer {
  accessToken: string;
  user: User;
}

export interface Sla {
  policyId: string | null;
  firstResponseDueAt: string | null;
  nextResponseDueAt: string | null;
  resolutionDueAt: string | null;
  firstRespondedAt: string | null;
  state: SlaState;
}
export interface ContactRef {
  id: string;
  name: string | null;
  username: string | null;
  followers: number | null;
  influence?: string;
}
export interface Conversation {
  id: string;
  channelId: string;
  channelType: ChannelType;
  kind: Kind;
  status: Status;
  snoozedUntil: string | null;
  priority: Priority;
  roleId: string | null;
  assigneeId: string | null;
  contact: ContactRef | null;
  language: string | null;
  sentiment: Sentiment | null;
  tags: string[];
  subject: string | null;
  /** The first line of the latest customer message (added for the browser desk). */
  preview?: string | null;
  /** The post or page the conversation is about, with the platform's link (added for the browser desk). */
  context?: { url: string | null; title: string | null } | null;
  lastMessageAt: string;
  waitingSince: string | null;
  createdAt: string;
  version: number;
  sla: Sla;
  messages?: Message[];
}
export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed' | 'held' | 'rejected';
export interface Message {
  id: string;
  conversationId: string;
  direction: 'inbound' | 'outbound' | 'note';
  text: string;
  author: { type: 'contact' | 'user' | 'business'; id: string | null; name: string | null };
  externalId: string | null;
  parentExternalId: string | null;
  createdAt: string;
  /** When the desk stored it: orders messages that share a platform `createdAt`. */
  receivedAt?: string;
  deliveryStatus?: DeliveryStatus;
  deliveryError?: string;
  hold?: { reason: string; topics: string[]; terms: string[]; heldAt: string; decidedBy?: { id: string; name: string }; decidedAt?: string; decisionNote?: string | null };
  policyWarnings?: string[];
  edited: boolean;
  previousTexts: Array<{ text: string; replacedAt: string }>;
  deleted: boolean;
  deletedAt: string | null;
}
/** A canned response as GET /api/canned-responses lists it (agents pick them, admins edit them). */
export interface CannedResponse {
  id: string;
  name: string;
  text: string;
  roleId: string | null;
  shortcut: string | null;
  language: string | null;
  placeholders: string[];
  createdAt: string;
  updatedAt: string;
}
export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}
