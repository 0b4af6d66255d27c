import type { EntityManager } from 'typeorm';
import type { Channel, NormalizedEvent } from '@app/channels';
import { rows } from '@app/db';
import { upsertContact } from '../contacts/contact-upsert';
import { resolveThread } from './thread-resolver';
import { eventContext } from './event-context';
import type { ConversationContext } from '../conversations/views';
import type { ChangeSet } from '../events/change-set';
import type { ConversationRouter } from './conversation-router';
import { NO_SLA, type SlaTracker } from './sla-tracker';

/** Delivery statuses only move forward; a late `delivered` never overwrites `read`. */
const STATUS_ORDER = `ARRAY['queued','sent','delivered','failed','read']`;

/**
 * Applies one normalized event inside the caller's transaction, idempotently: the message is keyed by
 * (channel, externalId), so a redelivery, a second event carrying the same message, or a retry after a crash
 * changes nothing twice.
 */
export async function applyEvent(
  m: EntityManager,
  channel: Channel,
  ev: NormalizedEvent,
  receivedAt: Date,
  changes: ChangeSet,
  router: ConversationRouter,
  sla: SlaTracker = NO_SLA,
): Promise<void> {
  switch (ev.op) {
    case 'status': {
      const updated = await rows<{ id: string }>(
        m,
        `UPDATE messages SET delivery_status = $3, delivery_error = CASE WHEN $3 = 'failed' THEN $4 ELSE delivery_error END
         WHERE channel_id = $1 AND external_id = $2 AND direction = 'outbound'
           AND array_position(${STATUS_ORDER}, COALESCE(delivery_status, 'queued')) < array_position(${STATUS_ORDER}, $3::text)
         RETURNING id`,
        [channel.id, ev.externalId, ev.status, ev.statusError ?? 'the platform reported a failure'],
      );
      for (const { id } of updated) changes.message(id, 'updated');
      return;
    }
    case 'delete': {
      const deleted = await rows<{ id: string; was_deleted: boolean; conversation_id: string; direction: string }>(
        m,
        `WITH old AS (SELECT id, deleted FROM messages WHERE channel_id = $1 AND external_id = $2 FOR UPDATE)
         UPDATE messages SET deleted = true, deleted_at = COALESCE(messages.deleted_at, $3) FROM old WHERE messages.id = old.id
         RETURNING messages.id, old.deleted AS was_deleted, messages.conversation_id, messages.direction`,
        [channel.id, ev.externalId, receivedAt],
      );
      for (const { id, was_deleted, conversation_id, direction } of deleted) {
        if (was_deleted) continue;
        changes.message(id, 'updated');
        if (direction === 'inbound') await refreshPreview(m, channel.workspaceId, conversation_id);
      }
      if (deleted.length === 0) {
        await m.query(
          `INSERT INTO message_tombstones (workspace_id, channel_id, external_id, deleted_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [channel.workspaceId, channel.id, ev.externalId, receivedAt],
        );
      }
      return;
    }
    default:
      await upsertMessage(m, channel, ev, receivedAt, changes, router, sla);
  }
}

async function upsertMessage(
  m: EntityManager,
  channel: Channel,
  ev: NormalizedEvent,
  receivedAt: Date,
  changes: ChangeSet,
  router: ConversationRouter,
  sla: SlaTracker,
): Promise<void> {
  if (await reviseExisting(m, channel, ev, receivedAt, changes)) return;
  const at = eventTime(ev, receivedAt);
  const context = eventContext(channel.type, ev);
  const thread = await resolveThread(m, channel, ev, at, context);
  if (!thread) return;
  const author = ev.isEcho
    ? { type: 'business', id: null, name: ev.author.name ?? ev.author.username ?? channel.name }
    : { type: 'contact', id: thread.authorContactId ?? (await upsertContact(m, channel.workspaceId, channel.type, ev.author)), name: ev.author.name ?? ev.author.username ?? ev.author.id };
  const inserted: Array<{ id: string; deleted: boolean }> = await m.query(
    `INSERT INTO messages (workspace_id, conversation_id, channel_id, direction, author_type, author_id, author_name, text,
       attachments, external_id, parent_external_id, reply_ref, created_at, received_at, edited, delivery_status, deleted, deleted_at)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, t.deleted_at IS NOT NULL, t.deleted_at
     FROM (SELECT 1) one LEFT JOIN message_tombstones t ON t.channel_id = $3 AND t.external_id = $10
     ON CONFLICT (channel_id, external_id) DO NOTHING RETURNING id, deleted`,
    [
      channel.workspaceId, thread.conversationId, channel.id, ev.isEcho ? 'outbound' : 'inbound', author.type, author.id, author.name, ev.text,
      JSON.stringify(ev.attachments), ev.externalId, ev.parentExternalId ?? null, JSON.stringify(ev.replyRef ?? {}), at, receivedAt,
      ev.op === 'edit', ev.isEcho ? 'sent' : null,
    ],
  );
  if (inserted.length === 0) {
    // A concurrent event stored the same message first: what is left is to revise it. A conversation this event
    // started for it would stay empty, so it goes (nothing else refers to it yet).
    if (thread.created) await m.query(`DELETE FROM conversations WHERE id = $1`, [thread.conversationId]);
    await reviseExisting(m, channel, ev, receivedAt, changes);
    return;
  }
  changes.message(inserted[0]!.id, 'created');
  // A message deleted before it arrived (its tombstone waited for it) is no customer's latest word.
  const deletedOnArrival = inserted[0]!.deleted;
  if (thread.created && deletedOnArrival && !ev.isEcho) await refreshPreview(m, channel.workspaceId, thread.conversationId);
  const preview = ev.isEcho || deletedOnArrival ? null : ev.text;
  const reopened = !thread.created && (await touchConversation(m, thread.conversationId, at, ev.isEcho, preview, context));
  // New activity alone travels inside message.created (which carries the conversation); a new conversation or a
  // changed status is a conversation event of its own.
  if (thread.created) changes.conversation(thread.conversationId, 'created');
  else if (reopened) changes.conversation(thread.conversationId, 'updated');
  await router.inbound(
    m,
    {
      workspaceId: channel.workspaceId,
      conversationId: thread.conversationId,
      channelId: channel.id,
      channelType: channel.type,
      kind: ev.kind,
      text: ev.text,
      followers: typeof ev.author.followers === 'number' ? ev.author.followers : null,
      isNew: thread.created,
      fromBusiness: ev.isEcho,
    },
    changes,
  );
  // After routing, so that the policy is matched on the role and priority the map gave.
  await sla.track(m, channel.workspaceId, thread.conversationId, ev.isEcho ? { type: 'reply', at, agentId: null } : { type: 'inbound', at }, changes);
}

/**
 * An event for a message we already hold. An edit replaces the text and keeps the previous one; a create with
 * new text is an edit too (the generic channel's rule), unless the message was edited already, which means
 * this create is a late or repeated delivery of an older version.
 */
async function reviseExisting(m: EntityManager, channel: Channel, ev: NormalizedEvent, receivedAt: Date, changes: ChangeSet): Promise<boolean> {
  const rows: Array<{ id: string; text: string; edited: boolean; conversation_id: string; direction: string; deleted: boolean }> = await m.query(
    `SELECT id, text, edited, conversation_id, direction, deleted FROM messages WHERE channel_id = $1 AND external_id = $2 FOR UPDATE`,
    [channel.id, ev.externalId],
  );
  const existing = rows[0];
  if (!existing) return false;
  const isRevision = ev.op === 'edit' || !existing.edited;
  if (isRevision && existing.text !== ev.text && !ev.needsEnrichment) {
    await m.query(
      `UPDATE messages SET text = $2, edited = true,
         edit_history = edit_history || jsonb_build_array(jsonb_build_object('text', text, 'replacedAt', $3::text))
       WHERE id = $1`,
      [existing.id, ev.text, receivedAt.toISOString()],
    );
    changes.message(existing.id, 'updated');
    if (existing.direction === 'inbound' && !existing.deleted) await refreshPreview(m, channel.workspaceId, existing.conversation_id);
  }
  return true;
}

/** Sets a conversation's context from an event's when it has none yet (the first event that says wins); $3 url, $4 title. */
const FILL_CONTEXT = `context_url = CASE WHEN c.context_url IS NULL AND c.context_title IS NULL THEN $3::text ELSE c.context_url END,
  context_title = CASE WHEN c.context_url IS NULL AND c.context_title IS NULL THEN $4::text ELSE c.context_title END`;

/**
 * New activity: an inbound message reopens the conversation and starts (or continues) the customer's wait.
 * `preview` is the text of a customer's message ($5), which becomes the preview unless a later one (by the platform's
 * time) already is: in the same UPDATE, so the hot path pays no extra round trip. Answers whether the status changed.
 */
async function touchConversation(
  m: EntityManager,
  conversationId: string,
  at: Date,
  fromBusiness: boolean,
  preview: string | null,
  context: ConversationContext | null,
): Promise<boolean> {
  const contextArgs = [context?.url ?? null, context?.title ?? null];
  if (fromBusiness) {
    await m.query(
      `UPDATE conversations c SET last_message_at = GREATEST(c.last_message_at, $2), waiting_since = NULL, accept_due_at = NULL, ${FILL_CONTEXT}, updated_at = now()
       WHERE c.id = $1`,
      [conversationId, at, ...contextArgs],
    );
    return false;
  }
  const [row] = await rows<{ was: string }>(
    m,
    `WITH old AS (SELECT id, status FROM conversations WHERE id = $1 FOR UPDATE)
     UPDATE conversations c SET last_message_at = GREATEST(c.last_message_at, $2), waiting_since = COALESCE(c.waiting_since, $2),
       status = 'open', snoozed_until = NULL, ${FILL_CONTEXT},
       preview = CASE WHEN $5::text IS NOT NULL AND (c.preview_at IS NULL OR c.preview_at <= $2) THEN message_preview($5) ELSE c.preview END,
       preview_at = CASE WHEN $5::text IS NOT NULL THEN GREATEST(c.preview_at, $2) ELSE c.preview_at END,
       updated_at = now()
     FROM old WHERE c.id = old.id RETURNING old.status AS was`,
    [conversationId, at, ...contextArgs, preview],
  );
  return row !== undefined && row.was !== 'open';
}

/**
 * The preview again from the messages, after the customer's latest message may have changed (an edit, a delete): the
 * latest non-deleted customer message by the platform's time, or none. Rare, and one index read.
 */
async function refreshPreview(m: EntityManager, workspaceId: string, conversationId: string): Promise<void> {
  await m.query(
    `UPDATE conversations c SET preview = latest.preview, preview_at = latest.at, updated_at = now()
     FROM (SELECT $2::uuid AS id) me
     LEFT JOIN LATERAL (
       SELECT message_preview(text) AS preview, created_at AS at FROM messages
       WHERE workspace_id = $1 AND conversation_id = $2 AND direction = 'inbound' AND NOT deleted
       ORDER BY created_at DESC, received_at DESC LIMIT 1
     ) latest ON true
     WHERE c.id = me.id AND (c.preview, c.preview_at) IS DISTINCT FROM (latest.preview, latest.at)`,
    [workspaceId, conversationId],
  );
}

function eventTime(ev: NormalizedEvent, receivedAt: Date): Date {
  const t = ev.occurredAt ? Date.parse(ev.occurredAt) : NaN;
  return Number.isNaN(t) ? receivedAt : new Date(t);
}
