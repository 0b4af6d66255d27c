import type { Server } from 'socket.io';

interface NetLike {
  cork(): void;
  uncork(): void;
}

/** The TCP socket under an engine.io connection, when it runs over websocket. */
function tcpOf(conn: unknown): NetLike | undefined {
  const transport = (conn as { transport?: { name?: string; socket?: { _socket?: NetLike } } }).transport;
  return transport?.name === 'websocket' ? transport.socket?._socket : undefined;
}

/**
 * engine.io flushes a connection's queued packets as one frame each, and each frame is its own write system call.
 * Corking the TCP socket for the length of one flush turns a backlog of frames into a single writev: under load,
 * when many events wait for the same client, that is what a busy server spends its time on.
 */
export function coalesceWrites(server: Server): void {
  const corked = new WeakSet<object>();
  server.engine.on('flush', (conn: object, packets: unknown[]) => {
    if (packets.length < 2) return;
    const tcp = tcpOf(conn);
    if (!tcp) return;
    tcp.cork();
    corked.add(conn);
  });
  server.engine.on('drain', (conn: object) => {
    if (!corked.delete(conn)) return;
    tcpOf(conn)?.uncork();
  });
}
