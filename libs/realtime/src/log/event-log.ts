import type { EntityManager } from 'typeorm';
import { rows } from '@app/db';
import type { NewEvent } from './event-types';

export const EVENTS_CHANNEL = 'desk_events';

/**
 * Logs events inside the caller's transaction. The seq comes from the workspace's counter row, whose lock is held
 * until this transaction ends: a workspace's events therefore commit in seq order with no holes, and the NOTIFY,
 * being transactional, reaches listeners only once the events are visible. Call it last in a transaction, so
 * the counter is held for as short a time as possible.
 */
export async function appendEvents(m: EntityManager, workspaceId: string, events: NewEvent[]): Promise<number[]> {
  if (events.length === 0) return [];
  const [counter] = await rows<{ last_seq: string }>(
    m,
    `INSERT INTO event_sequences (workspace_id, last_seq) VALUES ($1, $2)
     ON CONFLICT (workspace_id) DO UPDATE SET last_seq = event_sequences.last_seq + $2 RETURNING last_seq`,
    [workspaceId, events.length],
  );
  const last = Number(counter!.last_seq);
  const seqs = events.map((_, i) => last - events.length + 1 + i);
  await m.query(
    `INSERT INTO domain_events (workspace_id, seq, type, conversation_id, role_ids, user_ids, payload)
     SELECT $1, s, t, c, r::uuid[], u::uuid[], p
     FROM unnest($2::bigint[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::jsonb[]) AS x(s, t, c, r, u, p)`,
    [
      workspaceId,
      seqs,
      events.map((e) => e.type),
      events.map((e) => e.conversationId ?? null),
      events.map((e) => pgArray(e.roleIds)),
      events.map((e) => pgArray(e.userIds)),
      events.map((e) => JSON.stringify(e.payload)),
    ],
  );
  await m.query(`SELECT pg_notify($1, $2)`, [EVENTS_CHANNEL, `${workspaceId}:${last}`]);
  return seqs;
}

/** A uuid array literal: unnest cannot take a two-dimensional array of rows with different lengths. */
function pgArray(ids: string[]): string {
  return `{${[...new Set(ids)].join(',')}}`;
}
