import type { Server } from 'socket.io';
import { rooms } from './rooms';
import type { Session, SocketData } from './session';

/** How long one `conversation.typing` keeps a member shown as typing. */
export const TYPING_MS = 5_000;

/**
 * Who is on a conversation and who is typing, for collision avoidance. Viewers are the sockets in the
 * conversation's room across every instance (fetchSockets goes through the Redis adapter when there is one);
 * typing is a time on the socket's data, so it lapses by itself.
 */
export class Viewers {
  constructor(private readonly server: Server) {}

  isViewing(session: Session, conversationId: string): boolean {
    return session.viewed.has(conversationId);
  }

  async view(session: Session, conversationId: string): Promise<void> {
    session.viewed.add(conversationId);
    await session.socket.join(rooms.conversation(conversationId));
    await this.broadcast(conversationId);
  }

  async leave(session: Session, conversationId: string): Promise<void> {
    if (!session.viewed.delete(conversationId)) return;
    delete (session.socket.data as SocketData).typingUntil[conversationId];
    await session.socket.leave(rooms.conversation(conversationId));
    await this.broadcast(conversationId);
  }

  /** The socket has gone (and left its rooms): the viewers of what it was on are told. */
  async left(session: Session): Promise<void> {
    for (const id of session.viewed) await this.broadcast(id);
    session.viewed.clear();
  }

  /** Shown as typing at once; the lapse is announced when no further typing came in time. */
  async typing(session: Session, conversationId: string): Promise<void> {
    const data = session.socket.data as SocketData;
    const already = (data.typingUntil[conversationId] ?? 0) > Date.now();
    data.typingUntil[conversationId] = Date.now() + TYPING_MS;
    if (already) return;
    await this.broadcast(conversationId);
    this.announceLapse(session, conversationId);
  }

  private announceLapse(session: Session, conversationId: string): void {
    const data = session.socket.data as SocketData;
    const timer = setTimeout(
      () => {
        session.timers.delete(timer);
        if (!session.viewed.has(conversationId)) return;
        if ((data.typingUntil[conversationId] ?? 0) > Date.now()) return this.announceLapse(session, conversationId);
        void this.broadcast(conversationId).catch(() => undefined);
      },
      Math.max(10, (data.typingUntil[conversationId] ?? 0) - Date.now()),
    );
    timer.unref();
    session.timers.add(timer);
  }

  private async broadcast(conversationId: string): Promise<void> {
    const room = rooms.conversation(conversationId);
    const sockets = await this.server.in(room).fetchSockets();
    const byUser = new Map<string, { userId: string; name: string; typing: boolean }>();
    const now = Date.now();
    for (const s of sockets) {
      const data = s.data as SocketData;
      const entry = byUser.get(data.user.id) ?? { userId: data.user.id, name: data.user.name, typing: false };
      entry.typing ||= (data.typingUntil?.[conversationId] ?? 0) > now;
      byUser.set(data.user.id, entry);
    }
    this.server.to(room).emit('conversation.viewers', { conversationId, viewers: [...byUser.values()] });
  }
}
