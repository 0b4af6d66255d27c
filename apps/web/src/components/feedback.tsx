import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useT, type MessageKey } from '../i18n/i18n';
import type { Resource } from './use-resource';

/** Codes any page may meet, said in the user's language; the rest keep the server's own (English) message. */
const KNOWN_CODES: Record<string, MessageKey> = {
  NETWORK_UNREACHABLE: 'error.NETWORK_UNREACHABLE',
  DATABASE_UNAVAILABLE: 'error.DATABASE_UNAVAILABLE',
  SERVICE_UNAVAILABLE: 'error.DATABASE_UNAVAILABLE',
  ACCESS_DENIED: 'error.ACCESS_DENIED',
  RATE_LIMITED: 'error.RATE_LIMITED',
  LOGIN_THROTTLED: 'error.RATE_LIMITED',
  CONVERSATION_NOT_FOUND: 'error.NOT_FOUND',
  ROUTE_NOT_FOUND: 'error.NOT_FOUND',
};

/** An API error as the user reads it: in their language where the code is a common one, with the code for support. */
export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  if (!error) return null;
  const known = error instanceof ApiError ? KNOWN_CODES[error.code] : undefined;
  const text = known ? t(known) : (error as Error).message;
  const message = error instanceof ApiError ? `${text} (${error.code})` : text;
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
