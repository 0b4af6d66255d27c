import { ApiError } from '../api/client';
import { useT } from '../i18n/i18n';

/** An API error as the user reads it: the server's message, with its stable code for support. */
export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  if (!error) return null;
  const message = error instanceof ApiError ? `${error.message} (${error.code})` : (error as Error).message;
  return (
    <div className="note note-error" role="alert">
      {t('app.error', { message })}
      {onRetry && (
        <button type="button" className="link" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}

export function Loading() {
  const t = useT();
  return (
    <div className="loading" role="status" aria-live="polite">
      {t('app.loading')}
    </div>
  );
}
