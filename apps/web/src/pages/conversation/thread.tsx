import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Conversation } from '../../api/types';
import { useMe } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { dayOf, localDay } from './dates';
import { MessageItem } from './message-item';
import { buildThread, isAtBottom, type ThreadMessage } from './thread-logic';

/**
 * The messages, oldest first, with day headings. It follows new messages only while the reader is at the bottom
 * (or when the new one is their own): someone reading further up is not pulled away, they get a "new messages"
 * button instead.
 */
export function Thread({ conversation, messages, canDecide, onMessage }: { conversation: Conversation; messages: ThreadMessage[]; canDecide: boolean; onMessage(m: ThreadMessage): void }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const box = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  const seen = useRef<Set<string> | null>(null);
  const [unseen, setUnseen] = useState(0);
  const items = useMemo(() => buildThread(messages, localDay), [messages]);

  const toBottom = () => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
    atBottom.current = true;
    setUnseen(0);
  };

  useLayoutEffect(() => {
    const known = seen.current;
    seen.current = new Set(messages.map((m) => m.id));
    if (!known) return toBottom(); // first render: the newest message in view
    const arrived = messages.filter((m) => !known.has(m.id));
    if (arrived.length === 0) {
      if (atBottom.current) toBottom(); // a status line grew: stay at the end
      return;
    }
    if (atBottom.current || arrived.some((m) => m.author.type === 'user' && m.author.id === me.id)) toBottom();
    else setUnseen((n) => n + arrived.length);
  }, [messages, me.id]);

  // The reply box growing (a policy warning, a longer draft) shrinks the thread: keep its end in view.
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  return (
    <div className="conv-thread-wrap">
      <ol
        ref={box}
        className="conv-thread"
        role="log"
        aria-label={t('conversation.thread')}
        tabIndex={0}
        onScroll={(e) => {
          atBottom.current = isAtBottom(e.currentTarget);
          if (atBottom.current && unseen) setUnseen(0);
        }}
      >
        {items.length === 0 && <li className="muted">{t('conversation.thread.empty')}</li>}
        {items.map((item) =>
          item.type === 'day' ? (
            <li key={item.key} className="conv-day" aria-hidden="true">
              <span>{dayOf(item.at, locale)}</span>
            </li>
          ) : (
            <MessageItem key={item.key} message={item.message} parent={item.parent} conversation={conversation} canDecide={canDecide} onMessage={onMessage} />
          ),
        )}
      </ol>
      {unseen > 0 && (
        <button type="button" className="conv-unseen primary" onClick={toBottom}>
          {t('conversation.thread.unseen', { count: unseen })}
        </button>
      )}
    </div>
  );
}
