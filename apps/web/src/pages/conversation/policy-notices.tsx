import { useI18n } from '../../i18n/i18n';
import { policyNotices, type PolicyNotice, type ReplyCheck } from './reply-logic';

const TONE: Record<PolicyNotice['kind'], string> = { block: 'note-error', hold: 'note-warning', warn: 'note-warning', topicApproved: 'note-ok' };

/** What the reply policy will do with the draft, said before it is sent. */
export function PolicyNotices({ check }: { check: ReplyCheck }) {
  const { t } = useI18n();
  const notices = policyNotices(check);
  if (notices.length === 0) return null;
  const text = (n: PolicyNotice): string => {
    switch (n.kind) {
      case 'block':
        return t('conversation.policy.block', { terms: n.terms.join(', ') });
      case 'hold':
        return `${t('conversation.policy.hold')} ${n.reason}`;
      case 'warn':
        return t('conversation.policy.warn', { terms: n.terms.join(', ') });
      case 'topicApproved':
        return t('conversation.policy.topicApproved', { topics: n.topics.join(', ') });
    }
  };
  return (
    <div role="status" aria-live="polite" className="policy-notices">
      {notices.map((n) => (
        <p key={n.kind} className={`note ${TONE[n.kind]}`}>
          {text(n)}
        </p>
      ))}
    </div>
  );
}
