import type { Socket } from 'socket.io';
import type { AuthUser } from '@app/identity';
import type { LoggedEvent, Viewer } from '../log/event-types';
import type { TokenBucket } from './token-bucket';

/** What other instances may read of a socket through fetchSockets: plain data only. */
export interface SocketData {
  user: AuthUser;
  expiresAt: number;
  lastSeq?: number;
  /** conversationId → epoch ms until which the member counts as typing there. */
  typingUntil: Record<string, number>;
}

/** This instance's own state of one connection. */
export interface Session {
  socket: Socket;
  user: AuthUser;
  viewer: Viewer & { roleIds: Set<string> };
  /** In the rooms and fed live; before that, replaying from the log. */
  live: boolean;
  /** Access and role events seen while the member's access and roles were loading, applied on top of them. */
  pending: LoggedEvent[] | null;
  /** Conversations this connection is on (a socket's rooms are gone by the time it reports its disconnect). */
  viewed: Set<string>;
  bucket: TokenBucket;
  timers: Set<NodeJS.Timeout>;
}

export function userKey(workspaceId: string, userId: string): string {
  return `${workspaceId}:${userId}`;
}
