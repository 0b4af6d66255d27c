import { useCallback, useEffect, useRef } from 'react';

/**
 * Calls `fn` once, `ms` after the first of a burst of calls. Unlike a plain debounce it still runs during steady
 * traffic (a lead's view under a busy queue would otherwise never refresh): at most once per `ms`, never later.
 */
export function useCoalesced(fn: () => void, ms: number): () => void {
  const latest = useRef(fn);
  latest.current = fn;
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      timer.current = undefined;
    },
    [],
  );
  return useCallback(() => {
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      latest.current();
    }, ms);
  }, [ms]);
}
