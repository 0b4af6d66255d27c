import { io, type Socket } from 'socket.io-client';

export interface Received {
  name: string;
  body: any;
  at: number;
}

export interface LiveClient {
  socket: Socket;
  received: Received[];
  /** Logged events only (those with a seq), in arrival order. */
  logged(): Received[];
  waitFor(pred: (r: Received) => boolean, timeoutMs?: number, what?: string): Promise<Received>;
  emitAck(event: string, body: unknown): Promise<any>;
  close(): void;
}

/** A real socket.io client on the desk's port, recording everything it receives. */
export function liveClient(url: string, auth: Record<string, unknown>, options: { connect?: boolean } = {}): LiveClient {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: options.connect ?? true });
  const received: Received[] = [];
  const waiters: Array<{ pred: (r: Received) => boolean; resolve: (r: Received) => void }> = [];
  socket.onAny((name: string, body: unknown) => {
    const r = { name, body, at: Date.now() };
    received.push(r);
    for (const w of [...waiters]) {
      if (w.pred(r)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(r);
      }
    }
  });
  return {
    socket,
    received,
    logged: () => received.filter((r) => typeof r.body?.seq === 'number' && r.name !== 'replay.done'),
    waitFor(pred, timeoutMs = 10_000, what = 'a live event') {
      const seen = received.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${received.length} events, the last: ${JSON.stringify(received.slice(-10).map((r) => [r.name, r.body?.seq]))}`)), timeoutMs);
        waiters.push({ pred, resolve: (r) => (clearTimeout(timer), resolve(r)) });
      });
    },
    emitAck: (event, body) => socket.timeout(5_000).emitWithAck(event, body),
    close: () => void socket.disconnect(),
  };
}

/** Connects and resolves once the server has finished the replay (`replay.done`), or rejects with the connect_error. */
export async function connected(url: string, auth: Record<string, unknown>): Promise<LiveClient> {
  const client = liveClient(url, auth);
  await new Promise<void>((resolve, reject) => {
    client.socket.once('connect_error', (err: Error & { data?: unknown }) => reject(Object.assign(new Error(err.message), { data: err.data })));
    void client.waitFor((r) => r.name === 'replay.done', 10_000, 'replay.done').then(() => resolve(), reject);
  });
  return client;
}

/** The connect_error a refused handshake produces. */
export function refused(url: string, auth: Record<string, unknown>): Promise<Error & { data?: { code?: string } }> {
  const client = liveClient(url, auth);
  return new Promise((resolve, reject) => {
    client.socket.once('connect', () => (client.close(), reject(new Error('connected, but should have been refused'))));
    client.socket.once('connect_error', (err) => (client.close(), resolve(err as Error & { data?: { code?: string } })));
  });
}
