import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../auth/session';

export interface Resource<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload(): void;
  /** Replace the data in place (a live event or a saved form), without a round trip. */
  setData(update: T | ((previous: T | undefined) => T | undefined)): void;
}

/** GETs `path` with the session's token (again whenever `path` changes); null waits. */
export function useResource<T>(path: string | null): Resource<T> {
  const { api } = useSession();
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loading, setLoading] = useState(path !== null);
  const [round, setRound] = useState(0);
  const current = useRef(0);

  useEffect(() => {
    if (path === null) return;
    const mine = ++current.current;
    const abort = new AbortController();
    setLoading(true);
    api<T>(path, { signal: abort.signal })
      .then((value) => {
        if (mine !== current.current) return;
        setData(value);
        setError(undefined);
      })
      .catch((e: Error) => {
        if (mine === current.current && e.name !== 'AbortError') setError(e);
      })
      .finally(() => {
        if (mine === current.current) setLoading(false);
      });
    return () => abort.abort();
  }, [api, path, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, loading, reload, setData: setData as Resource<T>['setData'] };
}
