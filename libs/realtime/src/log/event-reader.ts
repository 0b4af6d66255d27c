import type { Queryable } from '@app/db';
import { rows } from '@app/db';
import type { LoggedEvent, LoggedEventType, Viewer } from './event-types';

interface EventRow {
  seq: string;
  type: LoggedEventType;
  conversation_id: string | null;
  role_ids: string[];
  user_ids: string[];
  payload: Record<string, unknown> | null;
  created_at: Date;
}

const COLUMNS = `seq, type, conversation_id, role_ids, user_ids, created_at`;

function toEvent(workspaceId: string, r: EventRow): LoggedEvent {
  return {
    workspaceId,
    seq: Number(r.seq),
    type: r.type,
    at: r.created_at.toISOString(),
    conversationId: r.conversation_id,
    roleIds: r.role_ids,
    userIds: r.user_ids,
    payload: r.payload ?? {},
  };
}

/** Every event of the workspace after `afterSeq`, in order: what a server instance pushes to its clients. */
export async function readAfter(db: Queryable, workspaceId: string, afterSeq: number, limit: number): Promise<LoggedEvent[]> {
  const found = await rows<EventRow>(
    db,
    `SELECT ${COLUMNS}, payload FROM domain_events WHERE workspace_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [workspaceId, afterSeq, limit],
  );
  return found.map((r) => toEvent(workspaceId, r));
}

/**
 * One page of a replay for one viewer: the events it may see, and how far the page scanned (`scannedTo`), so an
 * agent whose events are rare does not rescan the same stretch of other roles' events.
 */
export async function readVisibleAfter(
  db: Queryable,
  workspaceId: string,
  viewer: Viewer,
  afterSeq: number,
  limit: number,
): Promise<{ events: LoggedEvent[]; scannedTo: number; full: boolean }> {
  const found = await rows<EventRow & { visible: boolean }>(
    db,
    `SELECT ${COLUMNS}, visible, CASE WHEN visible THEN payload END AS payload
     FROM (SELECT *, ($4 OR $5 = ANY(user_ids) OR role_ids && $6::uuid[]) AS visible
           FROM domain_events WHERE workspace_id = $1 AND seq > $2 ORDER BY seq LIMIT $3) page`,
    [workspaceId, afterSeq, limit, viewer.all, viewer.userId, [...viewer.roleIds]],
  );
  const last = found[found.length - 1];
  return {
    events: found.filter((r) => r.visible).map((r) => toEvent(workspaceId, r)),
    scannedTo: last ? Number(last.seq) : afterSeq,
    full: found.length === limit,
  };
}

/** The workspace's last seq (0 before its first event) and the oldest seq still kept (null when none is). */
export async function logBounds(db: Queryable, workspaceId: string): Promise<{ head: number; oldest: number | null }> {
  const [r] = await rows<{ head: string | null; oldest: string | null }>(
    db,
    `SELECT (SELECT last_seq FROM event_sequences WHERE workspace_id = $1) AS head,
            (SELECT min(seq) FROM domain_events WHERE workspace_id = $1) AS oldest`,
    [workspaceId],
  );
  return { head: Number(r?.head ?? 0), oldest: r?.oldest == null ? null : Number(r.oldest) };
}

/** Heads of several workspaces at once, for the feed's safety poll. */
export async function heads(db: Queryable, workspaceIds: string[]): Promise<Map<string, number>> {
  const found = await rows<{ workspace_id: string; last_seq: string }>(
    db,
    `SELECT workspace_id, last_seq FROM event_sequences WHERE workspace_id = ANY($1::uuid[])`,
    [workspaceIds],
  );
  return new Map(found.map((r) => [r.workspace_id, Number(r.last_seq)]));
}

/** Drops events older than the retention; the contract promises replay of at least the last 24 hours. */
export async function purgeOlderThan(db: Queryable, hours: number): Promise<number> {
  const gone = await rows<{ n: string }>(
    db,
    `WITH d AS (DELETE FROM domain_events WHERE created_at < now() - make_interval(hours => $1) RETURNING 1) SELECT count(*) AS n FROM d`,
    [hours],
  );
  return Number(gone[0]?.n ?? 0);
}
