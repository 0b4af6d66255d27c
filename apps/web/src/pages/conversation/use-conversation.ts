import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { Conversation } from '../../api/types';
import { useSession } from '../../auth/session';
import { useLiveEvents, type LiveEventName } from '../../live/live';
import { conversationIdOf, conversationReducer, type ConversationState, type LiveChange, type StateAction } from './conversation-state';
import type { ThreadMessage } from './thread-logic';

const FOLLOWED: LiveEventName[] = [
  'message.created',
  'message.updated',
  'conversation.updated',
  'conversation.assigned',
  'sla.warning',
  'sla.breached',
  'sla.met',
];

type Payload = { conversationId?: string; conversation?: Conversation; message?: ThreadMessage; removed?: boolean };

function changeOf(payload: Payload): LiveChange | null {
  if (payload.message) {
    return { type: 'message', message: payload.message, conversationId: payload.conversationId ?? payload.message.conversationId, conversation: payload.conversation, removed: payload.removed };
  }
  return payload.conversation ? { type: 'conversation', conversation: payload.conversation } : null;
}

export interface OpenConversation {
  state: ConversationState | null;
  error: unknown;
  reload(): void;
  dispatch(action: StateAction): void;
}

/**
 * One conversation with its thread, kept current by the live events about it. Events that arrive while it loads
 * wait and are applied on top of what the request answered (applying one twice changes nothing), so nothing
 * that happened meanwhile is lost.
 */
export function useConversation(conversationId: string): OpenConversation {
  const { api } = useSession();
  const [state, dispatch] = useReducer(conversationReducer, null);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  const waiting = useRef<LiveChange[] | null>([]);

  useEffect(() => {
    const abort = new AbortController();
    waiting.current = [];
    api<Conversation>(`/api/conversations/${conversationId}`, { signal: abort.signal })
      .then((detail) => {
        if (abort.signal.aborted) return;
        dispatch({ type: 'loaded', detail });
        for (const change of waiting.current ?? []) dispatch({ type: 'live', change });
        waiting.current = null;
        setError(null);
      })
      .catch((e: Error) => {
        if (e.name !== 'AbortError') setError(e);
      });
    return () => abort.abort();
  }, [api, conversationId, round]);

  useLiveEvents(FOLLOWED, (payload: Payload) => {
    if (conversationIdOf(payload) !== conversationId) return;
    const change = changeOf(payload);
    if (!change) return;
    if (waiting.current) waiting.current.push(change);
    else dispatch({ type: 'live', change });
  });

  const reload = useCallback(() => setRound((r) => r + 1), []);
  useLiveEvents(['live.resync'], reload);
  return { state, error, reload, dispatch };
}
