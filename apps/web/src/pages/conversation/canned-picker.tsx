import { useId, useState, type KeyboardEvent } from 'react';
import type { CannedResponse } from '../../api/types';
import { ErrorNote } from '../../components/feedback';
import { useI18n } from '../../i18n/i18n';
import { filterCanned } from './canned-logic';
import { closeOnEscape } from './escape';
import { quoteOf } from './thread-logic';

/** The canned responses, searched by name or shortcut; Enter in the search takes the first match. */
export function CannedPicker({ list, loading, error, onOpen, onPick }: { list: CannedResponse[]; loading: boolean; error?: Error; onOpen(): void; onPick(r: CannedResponse): void }) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const matches = filterCanned(list, query);

  function pick(response: CannedResponse) {
    setOpen(false);
    setQuery('');
    onPick(response);
  }
  const escape = closeOnEscape(() => setOpen(false));
  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && event.target instanceof HTMLInputElement && matches[0]) {
      event.preventDefault();
      pick(matches[0]);
    } else escape(event);
  }

  return (
    <div className="canned">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => {
          if (!open) onOpen();
          setOpen(!open);
        }}
      >
        {t('conversation.canned.button')}
      </button>
      {open && (
        <div id={`${id}-panel`} className="conv-popover canned-panel" role="group" aria-label={t('conversation.canned.button')} onKeyDown={onKeyDown}>
          <input type="search" aria-label={t('conversation.canned.search')} placeholder={t('conversation.canned.search')} value={query} onChange={(e) => setQuery(e.target.value)} autoFocus />
          <ErrorNote error={error} />
          {loading && list.length === 0 ? (
            <p className="muted">{t('app.loading')}</p>
          ) : matches.length === 0 ? (
            <p className="muted">{list.length === 0 ? t('conversation.canned.none') : t('conversation.canned.noMatch')}</p>
          ) : (
            <ul className="canned-list">
              {matches.map((r) => (
                <li key={r.id}>
                  <button type="button" onClick={() => pick(r)}>
                    <strong>{r.name}</strong>
                    {r.shortcut && <span className="muted"> /{r.shortcut}</span>}
                    {r.language && <span className="pill">{r.language.toUpperCase()}</span>}
                    <span className="canned-preview">{quoteOf(r.text, 90)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
