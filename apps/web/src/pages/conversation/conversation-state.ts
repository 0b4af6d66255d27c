import type { Conversation } from '../../api/types';
import { removeMessage, upsertMessage, type MessageSource, type ThreadMessage } from './thread-logic';

/** The open conversation: its fields (without `messages`) and its thread, kept apart so either can change alone. */
export interface ConversationState {
  conversation: Conversation;
  messages: ThreadMessage[];
}

/** The live events the pane follows, as the server sends them (CONTRACT.md, libs/inbox publish-changes). */
export type LiveChange =
  | { type: 'message'; message: ThreadMessage; conversationId: string; conversation?: Conversation; removed?: boolean }
  | { type: 'conversation'; conversation: Conversation };

export type StateAction =
  | { type: 'loaded'; detail: Conversation }
  | { type: 'live'; change: LiveChange }
  | { type: 'answer.message'; message: ThreadMessage }
  | { type: 'answer.conversation'; conversation: Conversation };

export function fromDetail(detail: Conversation): ConversationState {
  const { messages = [], ...conversation } = detail;
  return { conversation, messages: messages as ThreadMessage[] };
}

/**
 * A newer copy of the conversation replaces ours; an older one (an HTTP answer overtaken by a live event) is
 * ignored. Same version: the later one wins, since activity (last message, the customer's wait, SLA) changes
 * without a new version.
 */
export function mergeConversation(current: Conversation, incoming: Conversation): Conversation {
  if (incoming.id !== current.id || incoming.version < current.version) return current;
  const { messages: _ignored, ...fields } = incoming;
  return { ...current, ...fields };
}

export function conversationReducer(state: ConversationState | null, action: StateAction): ConversationState | null {
  if (action.type === 'loaded') return fromDetail(action.detail);
  if (!state) return state;
  switch (action.type) {
    case 'answer.conversation':
      return withConversation(state, action.conversation);
    case 'answer.message':
      return withMessage(state, action.message, 'answer');
    case 'live': {
      const change = action.change;
      if (change.type === 'conversation') return withConversation(state, change.conversation);
      if (change.conversationId !== state.conversation.id) return state;
      const next = change.conversation ? withConversation(state, change.conversation) : state;
      // An echo of our reply folded into the reply itself: the echo goes (README "The live desk").
      if (change.removed) return { ...next, messages: removeMessage(next.messages, change.message.id) };
      return withMessage(next, change.message, 'live');
    }
  }
}

function withConversation(state: ConversationState, incoming: Conversation): ConversationState {
  const conversation = mergeConversation(state.conversation, incoming);
  return conversation === state.conversation ? state : { ...state, conversation };
}

function withMessage(state: ConversationState, message: ThreadMessage, source: MessageSource): ConversationState {
  if (message.conversationId !== state.conversation.id) return state;
  const messages = upsertMessage(state.messages, message, source);
  return messages === state.messages ? state : { ...state, messages };
}

/** The conversation id a live payload is about, whatever its shape. */
export function conversationIdOf(payload: { conversationId?: string; conversation?: { id?: string } } | null | undefined): string | undefined {
  return payload?.conversationId ?? payload?.conversation?.id;
}
