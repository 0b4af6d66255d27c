import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n';

/** The conversation's tags; an approval topic's name as a tag holds every reply (README "Reply policy"). */
export function TagsEditor({ tags, editable, busy, onSave }: { tags: string[]; editable: boolean; busy: boolean; onSave(tags: string[]): Promise<boolean> }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState('');

  async function add(event: FormEvent) {
    event.preventDefault();
    const tag = draft.trim().toLowerCase();
    if (!tag) return;
    if (tags.includes(tag) || (await onSave([...tags, tag]))) setDraft('');
  }

  if (!editable && tags.length === 0) return null;
  return (
    <div className="conv-tags">
      <ul aria-label={t('conversation.tags')}>
        {tags.map((tag) => (
          <li key={tag} className="pill tag">
            {tag}
            {editable && (
              <button type="button" className="tag-remove" disabled={busy} aria-label={t('conversation.tags.remove', { tag })} onClick={() => void onSave(tags.filter((x) => x !== tag))}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {editable && (
        <form onSubmit={add} className="tag-add">
          <input aria-label={t('conversation.tags.new')} placeholder={t('conversation.tags.new')} value={draft} maxLength={50} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" disabled={busy || !draft.trim()}>
            {t('conversation.tags.add')}
          </button>
        </form>
      )}
    </div>
  );
}
