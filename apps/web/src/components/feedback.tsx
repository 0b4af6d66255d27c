import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useT } from '../i18n/i18n';
import type { Resource } from './use-resource';

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

/**
 * What a resource has so far: its error (with a retry) first, then "loading" until its first answer, then
 * `children` with the data.
 */
export function Loaded<T>({ resource, children }: { resource: Pick<Resource<T>, 'data' | 'error' | 'reload'>; children(data: T): ReactNode }) {
  if (resource.error) return <ErrorNote error={resource.error} onRetry={resource.reload} />;
  if (resource.data === undefined) return <Loading />;
  return <>{children(resource.data)}</>;
}
