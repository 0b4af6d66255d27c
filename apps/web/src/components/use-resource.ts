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
  const wanted = useRef(path);
  wanted.current = path;
  const flight = useRef({ busy: false, again: false });

  // A reload while a request runs does not cancel it: under steady live events (the board, the workload) every
  // request would be cancelled by the next and the page would never update. The answer is kept, and one more
  // request follows it. An answer for a path no longer wanted is dropped.
  const load = useCallback(() => {
    const target = wanted.current;
    if (target === null) {
      setLoading(false);
      return;
    }
    const f = flight.current;
    if (f.busy) {
      f.again = true;
      return;
    }
    f.busy = true;
    setLoading(true);
    api<T>(target)
      .then(
        (value) => {
          if (wanted.current !== target) return;
          setData(value);
          setError(undefined);
        },
        (e: Error) => {
          if (wanted.current === target) setError(e);
        },
      )
      .finally(() => {
        f.busy = false;
        if (f.again || wanted.current !== target) {
          f.again = false;
          load();
        } else setLoading(false);
      });
  }, [api]);

  useEffect(load, [load, path]);

  return { data, error, loading, reload: load, setData: setData as Resource<T>['setData'] };
}
