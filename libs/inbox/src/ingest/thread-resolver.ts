import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { Channel, NormalizedEvent } from '@app/channels';
import { upsertContact } from '../contacts/contact-upsert';
import type { ConversationContext } from '../conversations/views';

export interface ResolvedThread {
  conversationId: string;
  created: boolean;
  /** The author's contact, when starting the conversation already looked it up. */
  authorContactId?: string;
}

/**
 * Finds the conversation an event belongs to, in the contract's order: the e-mail plus-address token; the
 * message it answers (In-Reply-To, then References, matched against inbound and outbound messages); the
 * platform thread; otherwise it starts one: a DM thread with its customer, or a thread rooted at this message.
 * Returns null for an echo of ours with no thread to join and no customer to start one with. A conversation it starts
 * already holds its first message's activity (the customer's wait, the preview of a customer's message) and the
 * event's context, so the caller need not touch it again.
 */
export async function resolveThread(
  m: EntityManager,
  channel: Channel,
  ev: NormalizedEvent,
  at: Date,
  context: ConversationContext | null = null,
): Promise<ResolvedThread | null> {
  if (ev.threadToken) {
    const rows: Array<{ id: string }> = await m.query(`SELECT id FROM conversations WHERE channel_id = $1 AND email_token = $2`, [channel.id, ev.threadToken]);
    if (rows[0]) return { conversationId: rows[0].id, created: false };
  }
  for (const ref of [ev.parentExternalId, ...(ev.referenceIds ?? [])]) {
    if (!ref) continue;
    const rows: Array<{ conversation_id: string }> = await m.query(
      `SELECT conversation_id FROM messages WHERE channel_id = $1 AND external_id = $2`,
      [channel.id, ref],
    );
    if (rows[0]) return { conversationId: rows[0].conversation_id, created: false };
  }
  const customer = ev.isEcho ? ev.counterpart : ev.author;
  const threadKey = ev.threadKey ?? (ev.kind === 'message' && customer ? `dm:${customer.id}` : `root:${ev.externalId}`);
  const existing = await byThreadKey(m, channel.id, threadKey);
  if (existing) return { conversationId: existing, created: false };
  if (!customer) return null;

  const contactId = await upsertContact(m, channel.workspaceId, channel.type, customer);
  const rows: Array<{ id: string }> = await m.query(
    `INSERT INTO conversations (workspace_id, channel_id, channel_type, kind, thread_key, email_token, contact_id, subject, last_message_at, waiting_since,
       preview, preview_at, context_url, context_title, status)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, message_preview($11), $10, $12, $13, 'open')
     ON CONFLICT (channel_id, thread_key) DO NOTHING RETURNING id`,
    [
      channel.workspaceId, channel.id, channel.type, ev.kind, threadKey, `conv_${randomBytes(5).toString('hex')}`, contactId, ev.subject ?? ev.context?.title ?? null,
      at, ev.isEcho ? null : at, ev.isEcho ? null : ev.text, context?.url ?? null, context?.title ?? null,
    ],
  );
  const authorContactId = ev.isEcho ? undefined : contactId;
  if (rows[0]) return { conversationId: rows[0].id, created: true, authorContactId };
  // Another worker created it first; its row is committed now that our insert has waited for it.
  return { conversationId: (await byThreadKey(m, channel.id, threadKey))!, created: false, authorContactId };
}

async function byThreadKey(m: EntityManager, channelId: string, threadKey: string): Promise<string | null> {
  const rows: Array<{ id: string }> = await m.query(`SELECT id FROM conversations WHERE channel_id = $1 AND thread_key = $2`, [channelId, threadKey]);
  return rows[0]?.id ?? null;
}
