import { useEffect, useRef } from 'react';
import { useLive } from '../../live/live';

/**
 * Runs `fn` whenever the live connection comes up while the page is open (a reconnect, or the first connect of a
 * page that loaded before the socket). Logged events are replayed on reconnect, but presence changes are not, so
 * whatever was read before the connection may have missed some: read it again.
 */
export function useOnReconnect(fn: () => void): void {
  const { connected } = useLive();
  const latest = useRef(fn);
  latest.current = fn;
  const wasConnected = useRef(connected);
  useEffect(() => {
    if (connected && !wasConnected.current) latest.current();
    wasConnected.current = connected;
  }, [connected]);
}
