import type { Conversation } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { formatDuration, soonestClock, toneOf } from './sla-clock-logic';
import { useNow } from './use-now';

/** The live SLA countdown of a conversation: green, amber at warning, red at breach (with the overdue time). */
export function SlaClock({ conversation }: { conversation: Pick<Conversation, 'sla' | 'status'> }) {
  const { t, lang } = useI18n();
  const now = useNow();
  const clock = soonestClock(conversation);
  const tone = toneOf(conversation.sla.state, conversation.status, clock, now);
  let text: string;
  if (!clock || tone === 'none' || tone === 'met') text = t(`sla.${tone === 'met' ? 'met' : tone === 'breached' ? 'breached' : 'none'}`);
  else {
    // The server's breach can land up to a tick before this second's `now` passes the due instant: red reads overdue.
    const left = tone === 'breached' ? Math.min(0, clock.dueAt - now) : clock.dueAt - now;
    const time = formatDuration(left, lang === 'it' ? 'g' : 'd');
    text = left > 0 || (left === 0 && tone !== 'breached') ? t('sla.dueIn', { time }) : t('sla.overdue', { time });
  }
  const label = clock ? `${t(`sla.target.${clock.target}`)}: ${text}` : text;
  return (
    <span className={`sla-clock sla-${tone}`} data-sla-tone={tone} aria-label={label} title={label} role="timer">
      {text}
    </span>
  );
}
