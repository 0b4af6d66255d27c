import { useCallback, useEffect, useRef, useState } from 'react';
import { useLive, useLiveEvents } from '../../live/live';
import { otherViewers, shouldSendTyping, type Viewer } from './reply-logic';

/**
 * Tells the desk this member is looking at the conversation (and typing in it), and lists who else is: two people
 * do not answer the same customer twice. The view is announced again after every reconnect, since the server
 * forgets a closed connection's views.
 */
export function useViewers(conversationId: string, myId: string): { others: Viewer[]; typing(): void } {
  const live = useLive();
  const emit = useRef(live.emit);
  emit.current = live.emit;
  const [viewers, setViewers] = useState<Viewer[]>([]);
  const lastTyping = useRef<number | null>(null);

  useEffect(() => {
    if (!live.connected) return;
    emit.current('conversation.view', { conversationId });
    lastTyping.current = null;
    return () => emit.current('conversation.leave', { conversationId });
  }, [conversationId, live.connected]);

  useLiveEvents(['conversation.viewers'], (payload: { conversationId: string; viewers: Viewer[] }) => {
    if (payload.conversationId === conversationId) setViewers(payload.viewers);
  });

  const typing = useCallback(() => {
    const now = Date.now();
    if (!shouldSendTyping(lastTyping.current, now)) return;
    lastTyping.current = now;
    emit.current('conversation.typing', { conversationId });
  }, [conversationId]);

  return { others: otherViewers(viewers, myId), typing };
}
