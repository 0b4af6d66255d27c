import { useState, type FormEvent } from 'react';
import { useSession } from '../../auth/session';
import { ErrorNote } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import { closeOnEscape } from './escape';
import type { ThreadMessage } from './thread-logic';

/** A lead's decision on a reply the policy held: approve sends it; reject keeps it unsent, with a reason for its author. */
export function HeldReplyActions({ message, onDecided }: { message: ThreadMessage; onDecided(m: ThreadMessage): void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const base = `/api/conversations/${message.conversationId}/replies/${message.id}`;

  async function decide(action: 'approve' | 'reject') {
    setBusy(true);
    setError(null);
    try {
      const body = action === 'reject' && reason.trim() ? { reason: reason.trim() } : {};
      onDecided(await api<ThreadMessage>(`${base}/${action}`, { method: 'POST', body }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function submitReject(event: FormEvent) {
    event.preventDefault();
    void decide('reject');
  }

  return (
    <div className="held-actions">
      {!rejecting ? (
        <>
          <button type="button" className="primary" disabled={busy} onClick={() => void decide('approve')}>
            {t('conversation.hold.approve')}
          </button>
          <button type="button" className="danger" disabled={busy} onClick={() => setRejecting(true)}>
            {t('conversation.hold.reject')}
          </button>
        </>
      ) : (
        <form onSubmit={submitReject} onKeyDown={closeOnEscape(() => setRejecting(false))} className="held-reject">
          <label>
            {t('conversation.hold.reason')}
            <textarea rows={2} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
          </label>
          <div className="popover-actions">
            <button type="submit" className="danger" disabled={busy}>
              {t('conversation.hold.confirmReject')}
            </button>
            <button type="button" onClick={() => setRejecting(false)}>
              {t('app.cancel')}
            </button>
          </div>
        </form>
      )}
      <ErrorNote error={error} />
    </div>
  );
}
