import { useCallback, useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/client';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorNote } from '../../components/feedback';
import { ValueOptions } from '../../components/options';
import { useI18n, useT } from '../../i18n/i18n';
import { browserTimeZones, timeZoneOptions } from './time-zones';

/**
 * One form's round trip: busy while the request runs, the server's error (shown beside the form, with its code) or a
 * success note. The error is kept until the next attempt, so a validation list stays readable while fixing it.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const run = useCallback(async <T,>(action: () => Promise<T>, success?: string | ((result: T) => string)): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const result = await action();
      if (success) setNote(typeof success === 'function' ? success(result) : success);
      return result;
    } catch (e) {
      setError(e);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const reset = useCallback(() => {
    setError(null);
    setNote(null);
  }, []);
  return { busy, error, note, run, reset };
}

type Api = <T>(path: string, options?: { method?: string; body?: unknown }) => Promise<T>;

/** Saves a form: POST to the collection for a new item, PATCH to the item (fields left out stay) for an existing one. */
export function saveItem<T>(api: Api, collection: string, id: string | undefined, body: unknown): Promise<T> {
  return id ? api<T>(`${collection}/${id}`, { method: 'PATCH', body }) : api<T>(collection, { body });
}

/**
 * The server's answer to a form: what was saved, or its error with its code. A validation error names every problem
 * at once (the client joins them with "; "): listed one per line, so each can be fixed in turn.
 */
export function FormStatus({ error, note }: { error: unknown; note?: string | null }) {
  const t = useT();
  if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
    return (
      <div className="note note-error" role="alert">
        {t('admin.validation', { code: error.code })}
        <ul className="problems">
          {error.message.split('; ').map((problem, i) => (
            <li key={i}>{problem}</li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <>
      <ErrorNote error={error} />
      {note && (
        <p className="note note-ok" role="status">
          {note}
        </p>
      )}
    </>
  );
}

/**
 * An Administration form: a card headed by `title`, which also names the form. The browser's own checks are off
 * (noValidate): the server's messages, shown by FormStatus, are the ones the admin reads.
 */
export function FormCard({ title, onSubmit, children }: { title: string; onSubmit(event: FormEvent): void; children: ReactNode }) {
  const id = useId();
  return (
    <form className="card admin-form" onSubmit={onSubmit} noValidate aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </form>
  );
}

/** A labelled field with an optional hint read out with it. */
export function Field({ label, hint, children, required }: { label: string; hint?: ReactNode; required?: boolean; children: (props: { id: string; 'aria-describedby'?: string; 'aria-required'?: boolean }) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="admin-field">
      {/* The mark stays outside the label, so the field's name is the label alone; aria-required says it. */}
      <span className="field-label">
        <label htmlFor={id}>{label}</label>
        {required && (
          <span className="required-mark" aria-hidden="true">
            *
          </span>
        )}
      </span>
      {children({ id, 'aria-describedby': hint ? hintId : undefined, 'aria-required': required || undefined })}
      {hint && (
        <small id={hintId} className="muted">
          {hint}
        </small>
      )}
    </div>
  );
}

/** A secret typed as a password, with a toggle to read back what was typed (it is never shown again once saved). */
export function SecretInput({ id, value, onChange, label, placeholder, describedBy, required }: { id: string; value: string; onChange(v: string): void; label: string; placeholder?: string; describedBy?: string; required?: boolean }) {
  const t = useT();
  const [shown, setShown] = useState(false);
  return (
    <span className="secret-input">
      <input
        id={id}
        type={shown ? 'text' : 'password'}
        autoComplete="new-password"
        spellCheck={false}
        value={value}
        placeholder={placeholder}
        aria-describedby={describedBy}
        aria-required={required || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <button type="button" aria-pressed={shown} aria-label={t(shown ? 'admin.secret.hideNamed' : 'admin.secret.showNamed', { name: label })} onClick={() => setShown((s) => !s)}>
        {t(shown ? 'admin.secret.hide' : 'admin.secret.show')}
      </button>
    </span>
  );
}

/** Copies text to the clipboard; says whether it worked (an insecure origin or a denied permission cannot copy). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }
  return (
    <>
      <button type="button" onClick={() => void copy()} aria-label={label} title={label}>
        {t('admin.copy')}
      </button>
      <span role="status" className="copy-state">
        {state === 'copied' ? t('admin.copied') : state === 'failed' ? t('admin.copyFailed') : ''}
      </span>
    </>
  );
}

/** An IANA time zone from the browser's list. */
export function TimeZoneSelect({ id, value, onChange, describedBy }: { id: string; value: string; onChange(v: string): void; describedBy?: string }) {
  const [zones] = useState(browserTimeZones);
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy}>
      <ValueOptions values={timeZoneOptions(zones, value)} label={(z) => z} />
    </select>
  );
}

/** A group of checkboxes for a list condition; none ticked means "any". */
export function CheckList<T extends string>({ legend, options, selected, onChange, hint }: { legend: string; options: Array<{ value: T; label: string }>; selected: readonly T[]; onChange(next: T[]): void; hint?: string }) {
  return (
    <fieldset className="check-list">
      <legend>{legend}</legend>
      {hint && <small className="muted">{hint}</small>}
      <div className="check-list-options">
        {options.map((o) => (
          <label key={o.value} className="check">
            <input
              type="checkbox"
              checked={selected.includes(o.value)}
              onChange={(e) => onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))}
            />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A row's Delete button: asks first (saying what deleting means here), then runs `onDelete`. */
export function DeleteAction({ name, title, explanation, onDelete }: { name: string; title: string; explanation: ReactNode; onDelete(): Promise<unknown> }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const { busy, error, run, reset } = useSubmit();
  const close = useCallback(() => {
    setOpen(false);
    reset();
  }, [reset]);
  async function confirm() {
    const done = await run(async () => {
      await onDelete();
      return true;
    });
    if (done) setOpen(false);
  }
  return (
    <>
      <button type="button" className="danger" aria-label={t('admin.deleteNamed', { name })} onClick={() => setOpen(true)}>
        {t('app.delete')}
      </button>
      {open && (
        <ConfirmDialog title={title} confirmLabel={t('app.delete')} onConfirm={() => void confirm()} onCancel={close} busy={busy} error={error}>
          {explanation}
        </ConfirmDialog>
      )}
    </>
  );
}

/** Dates and times in the chosen language. */
export function useFormatDate(): (iso: string | null | undefined) => string {
  const { locale } = useI18n();
  return useCallback(
    (iso) => (iso ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '—'),
    [locale],
  );
}

/** A form's buttons: Create (or Save when editing) and Cancel (or Close when editing); no Cancel without onCancel. */
export function FormActions({ editing, createLabel, busy, onCancel }: { editing: boolean; createLabel?: string; busy: boolean; onCancel?(): void }) {
  const t = useT();
  return (
    <div className="form-actions">
      <button type="submit" className="primary" disabled={busy}>
        {editing || !createLabel ? t('app.save') : createLabel}
      </button>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          {editing ? t('app.close') : t('app.cancel')}
        </button>
      )}
    </div>
  );
}
