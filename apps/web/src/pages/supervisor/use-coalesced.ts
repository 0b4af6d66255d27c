import { useCallback, useEffect, useRef } from 'react';

/**
 * A trigger that runs `fn` once, `ms` after the first call of a burst: a storm of live events (a bulk reassignment
 * sends one per conversation) costs one refetch, and a steady stream still refetches every `ms`.
 */
export function useCoalesced(fn: () => void, ms: number): () => void {
  const latest = useRef(fn);
  latest.current = fn;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      latest.current();
    }, ms);
  }, [ms]);
}
