import { useEffect, useId, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import type { CannedResponse, Conversation } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorNote } from '../../components/feedback';
import { useResource } from '../../components/use-resource';
import { useI18n } from '../../i18n/i18n';
import type { Abilities } from './abilities';
import { byShortcut, shortcutAtCursor, spliceText } from './canned-logic';
import { CannedPicker } from './canned-picker';
import { PolicyNotices } from './policy-notices';
import { draftKey, MAX_TEXT, rowsFor, type ReplyCheck } from './reply-logic';
import type { ThreadMessage } from './thread-logic';

export type ReplyMode = 'reply' | 'note';
export interface ReplyBoxHandle {
  /** Switches to this mode and puts the cursor in the box (shortcuts r and n). */
  focus(mode: ReplyMode): void;
}

const CHECK_DELAY_MS = 400;
const MOD = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

/**
 * Where the agent writes: a reply to the customer or an internal note. Canned responses fill in; the reply policy
 * is asked while typing, so a warning or a hold shows before the reply goes; Ctrl/⌘+Enter sends.
 */
export function ReplyBox({ ref, conversation, abilities, onMessage, onTyping }: { ref?: Ref<ReplyBoxHandle>; conversation: Conversation; abilities: Abilities; onMessage(m: ThreadMessage): void; onTyping(): void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const id = useId();
  const box = useRef<HTMLTextAreaElement>(null);
  const [mode, setMode] = useState<ReplyMode>(abilities.reply ? 'reply' : 'note');
  const [text, setText] = useState(() => sessionStorage.getItem(draftKey(conversation.id)) ?? '');
  const [check, setCheck] = useState<{ text: string; result: ReplyCheck } | null>(null);
  const [checkError, setCheckError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const canned = useResource<{ items: CannedResponse[] }>('/api/canned-responses');
  const cannedList = canned.data?.items ?? [];
  const replying = mode === 'reply' && abilities.reply;

  useImperativeHandle(ref, () => ({
    focus(next) {
      if (next === 'reply' && !abilities.reply) return;
      setMode(next);
      box.current?.focus();
    },
  }));

  // The policy, asked once typing pauses. An answer for an older text still shows (it is usually still true) but
  // only the answer for the text as it is may stop the Send button.
  useEffect(() => {
    if (!replying || text.trim() === '') {
      setCheck(null);
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => {
      api<ReplyCheck>(`/api/conversations/${conversation.id}/replies/check`, { method: 'POST', body: { text }, signal: abort.signal })
        .then((result) => {
          setCheck({ text, result });
          setCheckError(null);
        })
        .catch((e: Error) => e.name !== 'AbortError' && setCheckError(e));
    }, CHECK_DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [api, conversation.id, text, replying]);

  function change(next: string) {
    setText(next);
    if (next) sessionStorage.setItem(draftKey(conversation.id), next);
    else sessionStorage.removeItem(draftKey(conversation.id));
    if (next.trim()) onTyping();
  }

  async function send() {
    if (!text.trim() || sending || (mode === 'reply' && !abilities.reply)) return;
    setSending(true);
    setError(null);
    try {
      const message = await api<ThreadMessage>(`/api/conversations/${conversation.id}/${mode === 'reply' ? 'replies' : 'notes'}`, { method: 'POST', body: { text } });
      onMessage(message);
      change('');
      setMissing([]);
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  }

  /** A canned response rendered for this conversation, in place of the selection (or of the `/shortcut` typed). */
  async function insert(response: CannedResponse, range?: { start: number; end: number }) {
    const el = box.current;
    const start = range?.start ?? el?.selectionStart ?? text.length;
    const end = range?.end ?? el?.selectionEnd ?? text.length;
    setError(null);
    try {
      const rendered = await api<{ text: string; missing: string[] }>(`/api/canned-responses/${response.id}/render`, { method: 'POST', body: { conversationId: conversation.id } });
      const next = spliceText(text, start, end, rendered.text);
      change(next.text);
      setMissing(rendered.missing);
      requestAnimationFrame(() => {
        el?.focus();
        el?.setSelectionRange(next.cursor, next.cursor);
      });
    } catch (e) {
      setError(e);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      event.preventDefault();
      void send();
    } else if (event.key === 'Escape') {
      // First Escape leaves the box (the draft stays); the next one closes the conversation.
      event.preventDefault();
      event.currentTarget.blur();
    } else if (event.key === 'Tab' && !event.shiftKey) {
      const word = shortcutAtCursor(text, event.currentTarget.selectionStart);
      const response = word && byShortcut(cannedList, word.shortcut);
      if (word && response) {
        event.preventDefault();
        void insert(response, word);
      }
    }
  }

  const current = check && check.text === text ? check.result : null;
  const blocked = replying && current?.verdict === 'block';
  const label = mode === 'reply' ? t('conversation.reply.label') : t('conversation.note.label');
  const word = shortcutAtCursor(text, box.current?.selectionStart ?? text.length);
  const suggestion = word ? byShortcut(cannedList, word.shortcut) : undefined;

  return (
    <div className={`reply-box reply-box-${mode}`}>
      {!abilities.reply && <p className="note reply-readonly">{t('conversation.reply.supervisor')}</p>}
      <label htmlFor={`${id}-text`} className="visually-hidden">
        {label}
      </label>
      <textarea
        id={`${id}-text`}
        ref={box}
        rows={rowsFor(text)}
        maxLength={MAX_TEXT}
        value={text}
        placeholder={mode === 'reply' ? t('conversation.reply.placeholder') : t('conversation.note.placeholder')}
        onChange={(e) => change(e.target.value)}
        onKeyDown={onKeyDown}
        // Leads add canned responses while agents work: the list is fetched again whenever writing starts.
        onFocus={canned.reload}
      />
      {suggestion && <p className="muted reply-suggestion">{t('conversation.canned.tabHint', { name: suggestion.name })}</p>}
      {missing.length > 0 && <p className="note note-warning">{t('conversation.canned.missing', { names: missing.map((p) => `{{${p}}}`).join(', ') })}</p>}
      {replying && check && <PolicyNotices check={check.result} />}
      <ErrorNote error={checkError} />
      <ErrorNote error={error} />
      <div className="reply-actions">
        <fieldset className="reply-mode">
          <legend className="visually-hidden">{t('conversation.reply.mode')}</legend>
          {abilities.reply && (
            <label className={mode === 'reply' ? 'active' : ''}>
              <input type="radio" name={`${id}-mode`} checked={mode === 'reply'} onChange={() => setMode('reply')} />
              {t('conversation.reply.modeReply')}
            </label>
          )}
          <label className={mode === 'note' ? 'active' : ''}>
            <input type="radio" name={`${id}-mode`} checked={mode === 'note'} onChange={() => setMode('note')} />
            {t('conversation.reply.modeNote')}
          </label>
        </fieldset>
        <span className="muted reply-hint">{t('conversation.reply.hint', { mod: MOD })}</span>
        <CannedPicker list={cannedList} loading={canned.loading} error={canned.error} onOpen={canned.reload} onPick={(r) => void insert(r)} />
        <button type="button" className="primary" disabled={sending || !text.trim() || blocked} onClick={() => void send()} title={t('conversation.reply.hint', { mod: MOD })}>
          {mode === 'reply' ? (current?.verdict === 'hold' ? t('conversation.reply.sendForApproval') : t('conversation.reply.send')) : t('conversation.note.send')}
        </button>
      </div>
    </div>
  );
}
