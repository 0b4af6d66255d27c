import type { Conversation } from '../../api/types';
import { conversationFixture } from '../../testing/conversation-fixture';
import { conversationIdOf, conversationReducer, mergeConversation, type ConversationState } from './conversation-state';
import type { ThreadMessage } from './thread-logic';

const conversation = (fields: Partial<Conversation> = {}): Conversation => conversationFixture({ version: 3, ...fields });
const message = (fields: Partial<ThreadMessage> = {}): ThreadMessage => ({
  id: 'm1',
  conversationId: 'c1',
  direction: 'outbound',
  text: 'Hello',
  author: { type: 'user', id: 'u1', name: 'Giulia' },
  externalId: null,
  parentExternalId: null,
  createdAt: '2026-03-02T10:01:00.000Z',
  deliveryStatus: 'queued',
  edited: false,
  previousTexts: [],
  deleted: false,
  deletedAt: null,
  ...fields,
});

const loaded = (): ConversationState => conversationReducer(null, { type: 'loaded', detail: { ...conversation(), messages: [] } })!;

describe('mergeConversation', () => {
  it('takes a newer or equal version and ignores an older one', () => {
    const current = conversation({ version: 3 });
    expect(mergeConversation(current, conversation({ version: 4, status: 'resolved' })).status).toBe('resolved');
    expect(mergeConversation(current, conversation({ version: 3, waitingSince: '2026-03-02T10:05:00.000Z' })).waitingSince).toBe('2026-03-02T10:05:00.000Z');
    expect(mergeConversation(current, conversation({ version: 2, status: 'pending' }))).toBe(current);
  });

  it('ignores another conversation and never takes messages into the fields', () => {
    const current = conversation();
    expect(mergeConversation(current, conversation({ id: 'c2', version: 9 }))).toBe(current);
    expect(mergeConversation(current, { ...conversation({ version: 4 }), messages: [] }).messages).toBeUndefined();
  });
});

describe('conversationReducer', () => {
  it('splits the detail into fields and thread', () => {
    const state = conversationReducer(null, { type: 'loaded', detail: { ...conversation(), messages: [message()] } })!;
    expect(state.messages).toHaveLength(1);
    expect(state.conversation.messages).toBeUndefined();
  });

  it('applies live messages of this conversation only, with the conversation they carry', () => {
    let state = loaded();
    state = conversationReducer(state, { type: 'live', change: { type: 'message', message: message({ conversationId: 'c2' }), conversationId: 'c2' } })!;
    expect(state.messages).toHaveLength(0);
    state = conversationReducer(state, {
      type: 'live',
      change: { type: 'message', message: message(), conversationId: 'c1', conversation: conversation({ lastMessageAt: '2026-03-02T10:01:00.000Z' }) },
    })!;
    expect(state.messages.map((m) => m.id)).toEqual(['m1']);
    expect(state.conversation.lastMessageAt).toBe('2026-03-02T10:01:00.000Z');
  });

  it('removes an echo folded into our reply', () => {
    let state = conversationReducer(loaded(), { type: 'answer.message', message: message({ id: 'echo', direction: 'inbound' }) })!;
    state = conversationReducer(state, { type: 'live', change: { type: 'message', message: message({ id: 'echo' }), conversationId: 'c1', removed: true } })!;
    expect(state.messages).toHaveLength(0);
  });

  it('shows a sent reply once, whichever of the answer and the live event comes first', () => {
    let state = loaded();
    state = conversationReducer(state, { type: 'live', change: { type: 'message', message: message({ deliveryStatus: 'sent' }), conversationId: 'c1' } })!;
    state = conversationReducer(state, { type: 'answer.message', message: message({ deliveryStatus: 'queued' }) })!;
    expect(state.messages.map((m) => m.deliveryStatus)).toEqual(['sent']);
  });

  it('takes conversation events and edit answers by version', () => {
    let state = loaded();
    state = conversationReducer(state, { type: 'live', change: { type: 'conversation', conversation: conversation({ version: 5, status: 'resolved' }) } })!;
    state = conversationReducer(state, { type: 'answer.conversation', conversation: conversation({ version: 4, status: 'pending' }) })!;
    expect(state.conversation.status).toBe('resolved');
  });
});

describe('conversationIdOf', () => {
  it('reads message and conversation payloads alike', () => {
    expect(conversationIdOf({ conversationId: 'a' })).toBe('a');
    expect(conversationIdOf({ conversation: { id: 'b' } })).toBe('b');
    expect(conversationIdOf(null)).toBeUndefined();
  });
});
