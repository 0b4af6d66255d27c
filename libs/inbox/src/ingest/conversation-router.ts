import type { EntityManager } from 'typeorm';
import type { ChannelType, EventKind } from '@app/channels';
import type { ChangeSet } from '../events/change-set';

/** What ingestion knows of a new message when it asks for routing. */
export interface InboundFacts {
  workspaceId: string;
  conversationId: string;
  channelId: string;
  channelType: ChannelType;
  kind: EventKind;
  /** The message's text (empty for an attachment alone). */
  text: string;
  /** The author's follower count as the platform gave it with this event, if it did. */
  followers: number | null;
  /** This message started the conversation. */
  isNew: boolean;
  /** Written by the business (an echo); not classified, but a new conversation is still routed. */
  fromBusiness: boolean;
}

/**
 * Classification and the responsibility map, called by ingestion inside its own transaction, so that a
 * conversation is never visible without its role. Provided by the routing library (which depends on this one,
 * not the other way round) under this token.
 */
export interface ConversationRouter {
  inbound(m: EntityManager, facts: InboundFacts, changes: ChangeSet): Promise<void>;
}

export const CONVERSATION_ROUTER = Symbol('CONVERSATION_ROUTER');

/** For tests and tools that apply events without routing. */
export const NO_ROUTING: ConversationRouter = { inbound: async () => undefined };
