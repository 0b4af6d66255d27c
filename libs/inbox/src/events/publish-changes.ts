import type { EntityManager } from 'typeorm';
import { rows } from '@app/db';
import { appendEvents, type NewEvent } from '@app/realtime';
import { CONVERSATION_COLUMNS, CONVERSATION_FROM, MESSAGE_COLUMNS, toConversationView, toMessageView, type ConversationRow, type ConversationView } from '../conversations/views';
import type { ChangeSet } from './change-set';

/**
 * Logs a transaction's changes as domain events, in the same transaction: the conversation as it now is, each
 * message as it now is. Message events carry their conversation too, so activity alone (a new last message, the
 * customer's wait) needs no conversation event of its own: that halves what a busy desk pushes to every screen.
 * Order within one change: a new conversation first, then its messages, then updates.
 */
export async function publishChanges(m: EntityManager, workspaceId: string, changes: ChangeSet): Promise<void> {
  if (changes.empty) return;
  if (changes.history.length > 0) await writeHistory(m, workspaceId, changes);
  const messageRows = changes.messages.size
    ? await rows<Record<string, unknown>>(m, `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE workspace_id = $1 AND id = ANY($2::uuid[])`, [
        workspaceId,
        [...changes.messages.keys()],
      ])
    : [];
  const conversationIds = new Set([
    ...changes.conversations.keys(),
    ...messageRows.map((r) => r.conversation_id as string),
    ...changes.removed.map((r) => r.message.conversationId),
    ...changes.slas.map((s) => s.conversationId),
  ]);
  const conversationRows = await rows<ConversationRow>(
    m,
    `SELECT ${CONVERSATION_COLUMNS} FROM ${CONVERSATION_FROM} WHERE c.workspace_id = $1 AND c.id = ANY($2::uuid[])`,
    [workspaceId, [...conversationIds]],
  );
  const conversations = new Map(conversationRows.map((r) => [r.id, toConversationView(r)]));

  const events: NewEvent[] = [];
  const conversationEvent = (c: ConversationView, change: 'created' | 'updated' | 'assigned'): NewEvent => {
    const before = changes.before.get(c.id);
    return {
      type: `conversation.${change}`,
      conversationId: c.id,
      ...audience(c, before),
      payload: { conversation: c, ...(change === 'assigned' ? { previous: before ?? null, ...changes.context.get(c.id) } : {}) },
    };
  };
  for (const [id, change] of changes.conversations) {
    const c = conversations.get(id);
    if (c && change === 'created') events.push(conversationEvent(c, change));
  }
  // In the order they happened, not the order the database returned them.
  const order = new Map([...changes.messages.keys()].map((id, i) => [id, i]));
  messageRows.sort((a, b) => order.get(a.id as string)! - order.get(b.id as string)!);
  for (const r of messageRows) {
    const message = toMessageView(r);
    const c = conversations.get(message.conversationId);
    if (!c) continue;
    events.push({
      type: `message.${changes.messages.get(message.id)!}`,
      conversationId: c.id,
      ...audience(c),
      payload: { message, conversationId: c.id, conversation: c },
    });
  }
  for (const { message, replacedBy } of changes.removed) {
    const c = conversations.get(message.conversationId);
    if (!c) continue;
    events.push({
      type: 'message.updated',
      conversationId: c.id,
      ...audience(c),
      payload: { message: { ...message, deleted: true }, conversationId: c.id, removed: true, replacedBy },
    });
  }
  for (const [id, change] of changes.conversations) {
    const c = conversations.get(id);
    if (c && change !== 'created') events.push(conversationEvent(c, change));
  }
  for (const sla of changes.slas) {
    const c = conversations.get(sla.conversationId);
    if (!c) continue;
    events.push({
      type: `sla.${sla.type}`,
      conversationId: c.id,
      ...audience(c),
      payload: { conversation: c, conversationId: c.id, target: sla.target, dueAt: sla.dueAt, elapsedSeconds: sla.elapsedSeconds ?? null, ...sla.detail },
    });
  }
  await appendEvents(m, workspaceId, events);
}

/**
 * Each workspace's changes of one transaction, in workspace-id order. Publishing locks the workspace's event counter
 * (event_sequences) until commit, so every transaction that publishes for several workspaces must take them in one
 * order, or two of them can deadlock.
 */
export async function publishEach(m: EntityManager, byWorkspace: Map<string, ChangeSet>): Promise<void> {
  for (const workspaceId of [...byWorkspace.keys()].sort()) await publishChanges(m, workspaceId, byWorkspace.get(workspaceId)!);
}

/**
 * One insert for the lot, ids in the order recorded. `at` is the column's default, clock_timestamp(), read per row
 * (not the statement's or the transaction's clock): the instant each line was written, never decreasing along the
 * ids. Instants may still tie, so the order to read them in is the id's.
 */
async function writeHistory(m: EntityManager, workspaceId: string, changes: ChangeSet): Promise<void> {
  const lines = changes.history.map((h) => ({
    conversation_id: h.conversationId,
    type: h.type,
    actor_type: h.actor.type,
    actor_id: h.actor.id,
    actor_name: h.actor.name,
    reason: h.reason,
    from_state: h.from,
    to_state: h.to,
    rule: h.rule ?? null,
    map_version: h.mapVersion ?? null,
  }));
  await m.query(
    `INSERT INTO conversation_history (workspace_id, conversation_id, type, actor_type, actor_id, actor_name, reason, from_state, to_state, rule, map_version)
     SELECT $1, x.conversation_id, x.type, x.actor_type, x.actor_id, x.actor_name, x.reason, x.from_state, x.to_state, x.rule, x.map_version
     FROM ROWS FROM (jsonb_to_recordset($2::jsonb) AS (conversation_id uuid, type text, actor_type text, actor_id uuid, actor_name text,
       reason text, from_state jsonb, to_state jsonb, rule text, map_version integer)) WITH ORDINALITY AS x
     ORDER BY x.ordinality`,
    [workspaceId, JSON.stringify(lines)],
  );
}

function audience(c: ConversationView, before?: { roleId: string | null; assigneeId: string | null }): { roleIds: string[]; userIds: string[] } {
  const present = (xs: Array<string | null | undefined>) => xs.filter((x): x is string => typeof x === 'string');
  return { roleIds: present([c.roleId, before?.roleId]), userIds: present([c.assigneeId, before?.assigneeId]) };
}
