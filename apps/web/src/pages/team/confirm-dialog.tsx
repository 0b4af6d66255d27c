import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../../i18n/i18n';

/** A modal question with a dangerous answer; focus starts on Cancel so Enter never destroys by accident. */
export function ConfirmDialog({ title, children, confirm, busy, onConfirm, onCancel }: { title: string; children: ReactNode; confirm: string; busy?: boolean; onConfirm(): void; onCancel(): void }) {
  const t = useT();
  const cancel = useRef<HTMLButtonElement>(null);
  const latestCancel = useRef(onCancel);
  latestCancel.current = onCancel;
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    cancel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') latestCancel.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      before?.focus();
    };
  }, []);
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-body">
        <h2 id="confirm-title">{title}</h2>
        <div id="confirm-body">{children}</div>
        <div className="dialog-actions">
          <button type="button" ref={cancel} onClick={onCancel}>
            {t('app.cancel')}
          </button>
          <button type="button" className="danger" onClick={onConfirm} disabled={busy}>
            {confirm}
          </button>
        </div>
      </div>
    </div>
  );
}
