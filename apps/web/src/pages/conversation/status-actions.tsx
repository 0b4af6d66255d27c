import { useState, type FormEvent } from 'react';
import type { Status } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { dateTimeOf } from './dates';
import { closeOnEscape } from './escape';
import { parseSnoozeInput, snoozePresets, toLocalInput } from './snooze';

/** Open / Pending / Snooze… / Resolve; the current status is the pressed one. */
export function StatusActions({ status, busy, onStatus }: { status: Status; busy: boolean; onStatus(status: Status, snoozeUntil?: Date): Promise<boolean> }) {
  const { t } = useI18n();
  const [snoozing, setSnoozing] = useState(false);
  const simple = (s: Exclude<Status, 'snoozed'>, key: 'open' | 'pending' | 'resolve', hint?: string) => (
    <button type="button" aria-pressed={status === s} disabled={busy} onClick={() => void onStatus(s)} title={hint}>
      {t(`conversation.status.${key}`)}
    </button>
  );
  return (
    <div className="conv-status" role="group" aria-label={t('conversation.status.group')}>
      {simple('open', 'open')}
      {simple('pending', 'pending', t('conversation.status.pendingHint'))}
      <button type="button" aria-pressed={status === 'snoozed'} aria-expanded={snoozing} disabled={busy} onClick={() => setSnoozing((s) => !s)}>
        {t('conversation.status.snooze')}
      </button>
      {simple('resolved', 'resolve', t('conversation.status.resolveHint'))}
      {snoozing && (
        <SnoozeMenu
          onCancel={() => setSnoozing(false)}
          onPick={async (until) => {
            if (await onStatus('snoozed', until)) setSnoozing(false);
          }}
        />
      )}
    </div>
  );
}

function SnoozeMenu({ onPick, onCancel }: { onPick(until: Date): void; onCancel(): void }) {
  const { t, locale } = useI18n();
  const now = new Date();
  const [value, setValue] = useState(() => toLocalInput(new Date(now.getTime() + 2 * 3_600_000)));
  const until = parseSnoozeInput(value, now);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (until) onPick(until);
  }
  return (
    <form className="conv-popover snooze-menu" aria-label={t('conversation.snooze.title')} onSubmit={submit} onKeyDown={closeOnEscape(onCancel)}>
      <p className="popover-title">{t('conversation.snooze.title')}</p>
      <div className="snooze-presets">
        {snoozePresets(now).map(({ preset, until: at }) => (
          <button key={preset} type="button" onClick={() => onPick(at)} title={dateTimeOf(at, locale)}>
            {t(`conversation.snooze.${preset}`)}
          </button>
        ))}
      </div>
      <label>
        {t('conversation.snooze.custom')}
        <input type="datetime-local" value={value} min={toLocalInput(now)} onChange={(e) => setValue(e.target.value)} />
      </label>
      {!until && <p className="note note-warning">{t('conversation.snooze.future')}</p>}
      <div className="popover-actions">
        <button type="submit" className="primary" disabled={!until}>
          {t('conversation.snooze.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
