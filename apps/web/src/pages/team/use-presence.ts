import { useEffect, useState } from 'react';
import { useResource } from '../../components/use-resource';
import { useLiveEvents } from '../../live/live';
import type { PresenceEntry } from './team-types';
import { useOnReconnect } from './use-on-reconnect';
import { mergePresence } from './workload-logic';

/** Everyone's presence: the list (read again after a dropped connection), then each `presence.updated` as it comes. */
export function usePresence(): ReadonlyMap<string, PresenceEntry> {
  const list = useResource<{ items: PresenceEntry[] }>('/api/presence');
  const [presence, setPresence] = useState<ReadonlyMap<string, PresenceEntry>>(new Map());
  const { reload } = list;

  useEffect(() => {
    if (list.data) setPresence((current) => mergePresence(current, list.data!.items));
  }, [list.data]);
  useOnReconnect(reload);
  useLiveEvents(['presence.updated'], (change: PresenceEntry) => setPresence((current) => mergePresence(current, [change])));
  return presence;
}
