import type { EntityManager } from 'typeorm';
import type { Channel, EventKind, ReplyContext } from '@app/channels';

/** Reads what an adapter needs to answer a conversation: the conversation, the customer message being answered, the contact. */
export async function loadReplyContext(
  m: EntityManager,
  channel: Channel,
  message: { id: string; conversationId: string; text: string; workspaceId: string },
  outboundMessageId: string,
): Promise<ReplyContext> {
  const [conversation] = (await m.query(`SELECT id, kind, thread_key, subject, email_token, contact_id FROM conversations WHERE workspace_id = $1 AND id = $2`, [
    message.workspaceId,
    message.conversationId,
  ])) as Array<{ id: string; kind: EventKind; thread_key: string; subject: string | null; email_token: string; contact_id: string | null }>;
  const [answered] = (await m.query(
    `SELECT m.external_id, m.parent_external_id, m.reply_ref, ci.external_id AS author_external_id
     FROM messages m LEFT JOIN contact_identities ci ON ci.workspace_id = m.workspace_id AND ci.contact_id = m.author_id AND ci.platform = $3
     WHERE m.workspace_id = $1 AND m.conversation_id = $2 AND m.direction = 'inbound' AND NOT m.deleted AND m.external_id IS NOT NULL
     ORDER BY m.created_at DESC, m.received_at DESC LIMIT 1`,
    [message.workspaceId, message.conversationId, channel.type],
  )) as Array<{ external_id: string; parent_external_id: string | null; reply_ref: Record<string, string | string[]> | null; author_external_id: string | null }>;
  const [contact] = (await m.query(
    `SELECT ci.external_id, c.name, c.username, c.email FROM contacts c
     JOIN contact_identities ci ON ci.contact_id = c.id AND ci.workspace_id = c.workspace_id AND ci.platform = $3
     WHERE c.workspace_id = $1 AND c.id = $2 LIMIT 1`,
    [message.workspaceId, conversation!.contact_id, channel.type],
  )) as Array<{ external_id: string; name: string | null; username: string | null; email: string | null }>;
  return {
    channel: { id: channel.id, type: channel.type, config: channel.config },
    conversation: { id: conversation!.id, kind: conversation!.kind, threadKey: conversation!.thread_key, subject: conversation!.subject, emailToken: conversation!.email_token },
    replyTo: answered
      ? {
          externalId: answered.external_id,
          parentExternalId: answered.parent_external_id,
          threadKey: conversation!.thread_key,
          authorExternalId: answered.author_external_id ?? contact?.external_id ?? '',
          replyRef: answered.reply_ref ?? {},
        }
      : null,
    contact: contact ? { externalId: contact.external_id, name: contact.name, username: contact.username, email: contact.email } : null,
    message: { id: message.id, text: message.text },
    outboundMessageId,
  };
}
