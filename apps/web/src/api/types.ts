// The API's shapes as the browser desk reads them (CONTRACT.md and /api/docs-json).
export type Access = 'agent' | 'lead' | 'supervisor' | 'admin';
export type ChannelType = 'facebook' | 'instagram' | 'whatsapp' | 'x' | 'telegram' | 'youtube' | 'linkedin' | 'email' | 'api';
export type Kind = 'comment' | 'mention' | 'message';
export type Status = 'open' | 'pending' | 'snoozed' | 'resolved';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';
export type SlaState = 'none' | 'ok' | 'warning' | 'breached' | 'met';
export type Sentiment = 'negative' | 'neutral' | 'positive';

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
export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}
