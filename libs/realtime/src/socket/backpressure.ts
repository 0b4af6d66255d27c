import type { Socket } from 'socket.io';

const RESUME_BELOW = 100;

export function queuedPackets(socket: Socket): number {
  return (socket.conn as unknown as { writeBuffer?: unknown[] }).writeBuffer?.length ?? 0;
}

/** Waits until the client has taken most of what was sent to it; false if it left or stayed stuck. */
export function drained(socket: Socket, timeoutMs = 30_000): Promise<boolean> {
  if (!socket.connected) return Promise.resolve(false);
  if (queuedPackets(socket) < RESUME_BELOW) return Promise.resolve(true);
  return new Promise((resolve) => {
    const conn = socket.conn;
    const done = (ok: boolean) => {
      clearTimeout(timer);
      conn.off('drain', onDrain);
      conn.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => {
      if (queuedPackets(socket) < RESUME_BELOW) done(true);
    };
    const onClose = () => done(false);
    const timer = setTimeout(() => done(false), timeoutMs);
    conn.on('drain', onDrain);
    conn.on('close', onClose);
  });
}
