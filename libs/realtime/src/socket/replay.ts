import type { DataSource } from 'typeorm';
import type { EventFeed } from '../feed/event-feed.service';
import { logBounds, readVisibleAfter } from '../log/event-reader';
import { canSee, wireBody, type LoggedEvent } from '../log/event-types';
import { drained } from './backpressure';
import type { Session } from './session';

const PAGE = 500;

/**
 * Brings one connection from `lastSeq` (or from now) to the live stream: the log is read page by page (paced by
 * what the client takes), then the feed's memory covers what was pushed meanwhile, and the rooms are joined in
 * the same synchronous step, so no event is missed or sent twice. Returns the seq the client is live from, or
 * null if it left first.
 */
export async function catchUp(
  db: DataSource,
  feed: EventFeed,
  session: Session,
  lastSeq: number | undefined,
  goLive: (session: Session) => void,
): Promise<number | null> {
  const { socket, user } = session;
  const workspaceId = user.workspaceId;
  const emit = (e: LoggedEvent) => socket.emit(e.type, wireBody(e));
  let cursor = feed.head(workspaceId);
  if (lastSeq !== undefined && lastSeq !== cursor) {
    const { head, oldest } = await logBounds(db, workspaceId);
    if (lastSeq > head) {
      socket.emit('sync.required', { reason: 'unknown_seq', seq: head, message: 'lastSeq is ahead of this workspace log: reload the inbox' });
      cursor = Math.max(cursor, head);
    } else {
      if ((oldest === null && head > lastSeq) || (oldest !== null && oldest > lastSeq + 1)) {
        socket.emit('sync.required', { reason: 'expired', oldestSeq: oldest, message: 'Some events after lastSeq are no longer kept: reload the inbox' });
      }
      cursor = lastSeq;
    }
  }
  for (;;) {
    if (!socket.connected) return null;
    if (cursor < feed.head(workspaceId) && feed.since(workspaceId, cursor) === null) {
      const page = await readVisibleAfter(db, workspaceId, session.viewer, cursor, PAGE);
      if (!socket.connected) return null;
      for (const e of page.events) emit(e);
      cursor = page.scannedTo;
      if (page.full && !(await drained(socket))) return null;
      continue;
    }
    if (feed.head(workspaceId) < cursor) {
      await feed.reach(workspaceId, cursor);
      if (feed.isStopped) return null;
      continue;
    }
    // Synchronous from here: the feed cannot push in between, so memory plus rooms covers every event once.
    const tail = feed.since(workspaceId, cursor);
    if (tail === null) continue;
    if (!socket.connected) return null;
    for (const e of tail) if (canSee(session.viewer, e)) emit(e);
    const liveFrom = feed.head(workspaceId);
    goLive(session);
    return liveFrom;
  }
}
