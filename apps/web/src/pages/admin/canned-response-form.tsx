import { useRef, useState, type FormEvent } from 'react';
import type { CannedResponse } from '../../api/types';
import { useSession } from '../../auth/session';
import { useDirectory } from '../../components/directory';
import { NamedOptions } from '../../components/options';
import { useT } from '../../i18n/i18n';
import { Field, FormActions, FormCard, FormStatus, saveItem, useSubmit } from './form-kit';

/** The placeholders the desk fills when an agent inserts the response (libs/voice PLACEHOLDERS). */
export const PLACEHOLDERS = ['contact.name', 'contact.firstName', 'contact.username', 'agent.name', 'agent.firstName', 'channel.name', 'workspace.name'] as const;

/** Creates or edits a canned response: name, shortcut, language, which role it is for, and its text. */
export function CannedResponseForm({ response, onSaved, onCancel }: { response?: CannedResponse; onSaved(r: CannedResponse): void; onCancel(): void }) {
  const t = useT();
  const { api } = useSession();
  const { roles } = useDirectory();
  const editing = response !== undefined;
  const [name, setName] = useState(response?.name ?? '');
  const [shortcut, setShortcut] = useState(response?.shortcut ?? '');
  const [language, setLanguage] = useState(response?.language ?? '');
  const [roleId, setRoleId] = useState(response?.roleId ?? '');
  const [text, setText] = useState(response?.text ?? '');
  const textRef = useRef<HTMLTextAreaElement>(null);
  const { busy, error, note, run } = useSubmit();

  /** Puts `{{placeholder}}` where the cursor is in the text. */
  function insert(placeholder: string) {
    const el = textRef.current;
    const token = `{{${placeholder}}}`;
    const at = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? at;
    setText(text.slice(0, at) + token + text.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    // Blank shortcut, language or role: null (none, workspace-wide) — the API reads blank as "clear".
    const body = { name, text, shortcut: shortcut.trim() || null, language: language.trim() || null, roleId: roleId || null };
    const saved = await run(
      () => saveItem<CannedResponse>(api, '/api/canned-responses', response?.id, body),
      (r) => t('admin.canned.saved', { name: r.name }),
    );
    if (saved) onSaved(saved);
  }

  return (
    <FormCard title={editing ? t('admin.canned.editTitle', { name: response.name }) : t('admin.canned.newTitle')} onSubmit={submit}>
      <div className="form-grid">
        <Field label={t('admin.canned.name')} required>
          {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />}
        </Field>
        <Field label={t('admin.canned.shortcut')} hint={t('admin.canned.shortcutHint')}>
          {(p) => <input {...p} value={shortcut} onChange={(e) => setShortcut(e.target.value)} maxLength={30} spellCheck={false} />}
        </Field>
        <Field label={t('admin.canned.language')} hint={t('admin.canned.languageHint')}>
          {(p) => <input {...p} value={language} onChange={(e) => setLanguage(e.target.value)} maxLength={2} size={4} />}
        </Field>
        <Field label={t('admin.canned.role')} hint={t('admin.canned.roleHint')}>
          {(p) => (
            <select {...p} value={roleId} onChange={(e) => setRoleId(e.target.value)}>
              <option value="">{t('admin.canned.wholeWorkspace')}</option>
              <NamedOptions items={roles} />
            </select>
          )}
        </Field>
      </div>
      <Field label={t('admin.canned.text')} required hint={t('admin.canned.textHint')}>
        {(p) => <textarea {...p} ref={textRef} rows={5} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <div className="placeholders" role="group" aria-label={t('admin.canned.insert')}>
        <span className="muted">{t('admin.canned.insert')}:</span>
        {PLACEHOLDERS.map((ph) => (
          <button type="button" key={ph} onClick={() => insert(ph)} aria-label={t('admin.canned.insertNamed', { name: ph })}>
            <code>{`{{${ph}}}`}</code>
          </button>
        ))}
      </div>
      <FormStatus error={error} note={note} />
      <FormActions editing={editing} createLabel={t('admin.canned.create')} busy={busy} onCancel={onCancel} />
    </FormCard>
  );
}
