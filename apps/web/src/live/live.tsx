import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import { useSession } from '../auth/session';
// The server's own list: the page follows every logged event the desk sends, with no copy to fall behind.
import { LOGGED_EVENT_TYPES, type LoggedEventType } from '../../../../libs/realtime/src/log/event-types';

export type LiveEventName =
  | LoggedEventType
  | 'presence.updated'
  | 'conversation.viewers'
  /** Not the server's: this tab may have missed events (see LiveProvider), so what it shows should load again. */
  | 'live.resync';

export const LOGGED_EVENTS: readonly LiveEventName[] = LOGGED_EVENT_TYPES;
const EPHEMERAL_EVENTS: LiveEventName[] = ['presence.updated', 'conversation.viewers'];

type Handler = (payload: any) => void;

export type PresenceStatus = 'online' | 'away';

interface Live {
  connected: boolean;
  /** What this tab tells the desk about the user; sent again after every reconnect. */
  presence: PresenceStatus;
  setPresence(status: PresenceStatus): void;
  /** Subscribes to one event; returns the unsubscribe. */
  on(event: LiveEventName, handler: Handler): () => void;
  emit(event: string, payload: unknown): void;
}

const LiveContext = createContext<Live | null>(null);

/**
 * One socket.io connection per signed-in tab. Every logged event's `seq` is remembered and sent back as `lastSeq` on
 * reconnect, so the server replays what a dropped connection missed: the lists stay right without a reload.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const { token } = useSession();
  const [connected, setConnected] = useState(false);
  const [presence, setPresenceState] = useState<PresenceStatus>('online');
  const presenceRef = useRef<PresenceStatus>('online');
  const handlers = useRef(new Map<LiveEventName, Set<Handler>>());
  const socketRef = useRef<Socket | null>(null);

  useEffect(() => {
    if (!token) return;
    const auth: { token: string; lastSeq?: number } = { token };
    const socket = io({ auth, transports: ['websocket'] });
    socketRef.current = socket;
    const dispatch = (event: LiveEventName) => (payload: { seq?: number }) => {
      if (typeof payload?.seq === 'number') auth.lastSeq = Math.max(auth.lastSeq ?? 0, payload.seq);
      for (const h of handlers.current.get(event) ?? []) h(payload);
    };
    for (const event of [...LOGGED_EVENTS, ...EPHEMERAL_EVENTS]) socket.on(event, dispatch(event));
    const resync = () => {
      for (const h of handlers.current.get('live.resync') ?? []) h({});
    };
    socket.on('connect', () => {
      setConnected(true);
      socket.emit('presence.set', { status: presenceRef.current });
      // Without a lastSeq nothing is replayed: what changed between the page's HTTP load and this connection is
      // only in a fresh load. Reconnections with a lastSeq replay instead.
      if (auth.lastSeq === undefined) resync();
    });
    // The log no longer holds our lastSeq (or it is ahead of it): only a fresh load is right.
    socket.on('sync.required', resync);
    socket.on('disconnect', () => setConnected(false));
    return () => {
      socket.close();
      socketRef.current = null;
      setConnected(false);
    };
  }, [token]);

  const value = useMemo<Live>(
    () => ({
      connected,
      presence,
      setPresence(status) {
        presenceRef.current = status;
        setPresenceState(status);
        socketRef.current?.emit('presence.set', { status });
      },
      on(event, handler) {
        const set = handlers.current.get(event) ?? new Set<Handler>();
        handlers.current.set(event, set);
        set.add(handler);
        return () => set.delete(handler);
      },
      emit(event, payload) {
        socketRef.current?.emit(event, payload);
      },
    }),
    [connected, presence],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLive(): Live {
  const value = useContext(LiveContext);
  if (!value) throw new Error('useLive outside LiveProvider');
  return value;
}

/** Calls the latest handler on each of these events for as long as the component is mounted. */
export function useLiveEvents(events: LiveEventName[], handler: Handler): void {
  const live = useLive();
  const latest = useRef(handler);
  latest.current = handler;
  const key = events.join(',');
  useEffect(() => {
    const offs = key.split(',').map((e) => live.on(e as LiveEventName, (p) => latest.current(p)));
    return () => offs.forEach((off) => off());
  }, [live, key]);
}
