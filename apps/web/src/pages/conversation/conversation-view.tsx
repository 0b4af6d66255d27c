import { useCallback, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import type { Conversation, Status } from '../../api/types';
import { useMe, useSession } from '../../auth/session';
import { useShortcuts } from '../../app/shortcuts';
import { useDirectory } from '../../components/directory';
import { ErrorNote, Loading } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import { abilitiesOf, roleIdsOf, stillReadable } from './abilities';
import { ContactPanel } from './contact-panel';
import { ConversationHeader } from './conversation-header';
import { ReplyBox, type ReplyBoxHandle } from './reply-box';
import { Thread } from './thread';
import type { ThreadMessage } from './thread-logic';
import { useConversation } from './use-conversation';
import { useMediaQuery } from './use-media-query';
import { useViewers } from './use-viewers';
import './conversation.css';

/** Wide enough for the contact panel beside the thread; narrower, it opens over the thread as a drawer. */
const WIDE = '(min-width: 1200px)';

/**
 * One conversation: who it is with and where, the thread, the reply box, and the contact's panel; everything
 * follows the live events about it. Rendered beside the inbox list (or alone on a tablet) at `#/inbox/<id>`.
 */
export function ConversationView(props: { conversationId: string; onClose?: () => void }) {
  // A new conversation starts from a clean slate: drafts, open menus and scroll position belong to the old one.
  return <ConversationPane key={props.conversationId} {...props} />;
}

function ConversationPane({ conversationId, onClose }: { conversationId: string; onClose?: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const { api } = useSession();
  const { roles } = useDirectory();
  const { state, error, reload, dispatch } = useConversation(conversationId);
  const { others, typing } = useViewers(conversationId, me.id);
  const [actionError, setActionError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const wide = useMediaQuery(WIDE);
  const [panelChoice, setPanelChoice] = useState<{ wide: boolean; open: boolean } | null>(null);
  const panelOpen = panelChoice && panelChoice.wide === wide ? panelChoice.open : wide;
  const replyBox = useRef<ReplyBoxHandle>(null);

  const conversation = state?.conversation;
  const myRoles = useMemo(() => roleIdsOf(me.id, roles), [me.id, roles]);
  const abilities = conversation ? abilitiesOf(me, conversation, myRoles) : null;
  const version = useRef(0);
  version.current = conversation?.version ?? 0;

  /** A change of the conversation itself, guarded by the version we show (If-Match): a conflict reloads it. */
  const edit = useCallback(
    async (path: string, body: unknown, method: 'POST' | 'PUT' = 'POST'): Promise<boolean> => {
      setActionError(null);
      setConflict(false);
      setBusy(true);
      try {
        const updated = await api<Conversation>(`/api/conversations/${conversationId}/${path}`, { method, body, headers: { 'if-match': `"${version.current}"` } });
        dispatch({ type: 'answer.conversation', conversation: updated });
        return true;
      } catch (e) {
        // Someone else changed it first: show their change and let the member decide again.
        if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
          setConflict(true);
          reload();
        } else setActionError(e);
        return false;
      } finally {
        setBusy(false);
      }
    },
    [api, conversationId, dispatch, reload],
  );

  const setStatus = useCallback(
    (status: Status, snoozeUntil?: Date) => edit('status', snoozeUntil ? { status, snoozeUntil: snoozeUntil.toISOString() } : { status }),
    [edit],
  );
  const takeForMe = useCallback(() => edit('assignment', { assigneeId: me.id }), [edit, me.id]);
  const onMessage = useCallback((message: ThreadMessage) => dispatch({ type: 'answer.message', message }), [dispatch]);

  useShortcuts({
    r: () => abilities?.reply && replyBox.current?.focus('reply'),
    n: () => abilities?.note && replyBox.current?.focus('note'),
    e: () => abilities?.changeStatus && conversation?.status !== 'resolved' && void setStatus('resolved'),
    p: () => abilities?.changeStatus && conversation?.status !== 'pending' && void setStatus('pending'),
    a: () => abilities?.takeForMe && void takeForMe(),
    Escape: () => onClose?.(),
  });

  if (!state || !conversation || !abilities) {
    return (
      <section className="conversation-view" aria-label={t('conversation.label')}>
        {error ? (
          <div className="conversation-failed">
            <ErrorNote error={error} onRetry={reload} />
            {onClose && (
              <button type="button" onClick={onClose}>
                {t('conversation.backToList')}
              </button>
            )}
          </div>
        ) : (
          <Loading />
        )}
      </section>
    );
  }

  const contactName = conversation.contact?.name ?? conversation.contact?.username ?? t('conversation.unknownContact');
  return (
    <section className={`conversation-view${panelOpen ? ' with-panel' : ''}${wide ? '' : ' narrow'}`} aria-label={t('conversation.labelWith', { name: contactName })}>
      <div className="conversation-main">
        <ConversationHeader
          conversation={conversation}
          abilities={abilities}
          busy={busy}
          viewers={others}
          panelOpen={panelOpen}
          onTogglePanel={() => setPanelChoice({ wide, open: !panelOpen })}
          onClose={onClose}
          onStatus={setStatus}
          onTake={takeForMe}
          onEdit={edit}
        />
        {!stillReadable(me, conversation, myRoles) && (
          <p className="note note-warning" role="status">
            {t('conversation.movedAway')}
          </p>
        )}
        {conflict && (
          <p className="note note-warning" role="alert">
            {t('conversation.conflict')}
          </p>
        )}
        <ErrorNote error={actionError} />
        <Thread conversation={conversation} messages={state.messages} canDecide={abilities.decideHeld} onMessage={onMessage} />
        <ReplyBox ref={replyBox} conversation={conversation} abilities={abilities} onMessage={onMessage} onTyping={typing} />
      </div>
      {panelOpen && <ContactPanel conversation={conversation} drawer={!wide} onClose={() => setPanelChoice({ wide, open: false })} />}
    </section>
  );
}
