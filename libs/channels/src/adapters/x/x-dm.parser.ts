import type { NormalizedEvent } from '../../types/normalized-event';
import { xMedia } from './x-media';
import { xAuthor, xId } from './x-user';
import { at, clean, compact, isoFromMillis, isoOrNow, str } from '../shared/payload-fields';

/**
 * A direct_message_events item. The thread is the customer's, whoever writes: our own DMs come back with
 * sender_id == for_user_id and belong to the recipient's thread.
 */
export function parseDirectMessage(event: unknown, users: unknown, ownId: string): NormalizedEvent | undefined {
  if (str(at(event, 'type')) !== 'message_create') return undefined;
  const id = xId(at(event, 'id'));
  const sender = xId(at(event, 'message_create', 'sender_id'));
  const recipient = xId(at(event, 'message_create', 'target', 'recipient_id'));
  if (id === undefined || sender === undefined) return undefined;
  const isEcho = sender === ownId;
  const customer = isEcho ? recipient : sender;
  if (customer === undefined) return undefined;
  const data = at(event, 'message_create', 'message_data');
  const media = str(at(data, 'attachment', 'type')) === 'media' ? at(data, 'attachment', 'media') : undefined;
  const attachment = media !== undefined ? xMedia(media) : undefined;
  return compact<NormalizedEvent>({
    op: 'create',
    kind: 'message',
    externalId: id,
    threadKey: `dm:${customer}`,
    author: xAuthor(at(users, sender), sender) ?? { id: sender },
    counterpart: isEcho ? xAuthor(at(users, customer), customer) : undefined,
    text: clean(withoutMediaLink(str(at(data, 'text')) ?? '', str(at(media, 'url')))),
    attachments: attachment !== undefined ? [attachment] : [],
    occurredAt: isoOrNow(isoFromMillis(at(event, 'created_timestamp'))),
    isEcho,
    replyRef: { dmEventId: id, participantId: customer, dmConversationId: conversationId(sender, recipient ?? ownId) },
  });
}

/** X appends the attachment's t.co link to the text; the attachment itself is what the reader needs. */
function withoutMediaLink(text: string, mediaUrl: string | undefined): string {
  if (mediaUrl === undefined) return text;
  const trimmed = text.trimEnd();
  return trimmed.endsWith(mediaUrl) ? trimmed.slice(0, -mediaUrl.length).trimEnd() : text;
}

/** The v2 dm_conversation_id of a one-to-one chat: both user ids, smaller first, as numbers. */
function conversationId(a: string, b: string): string {
  const [low, high] = BigInt(a) <= BigInt(b) ? [a, b] : [b, a];
  return `${low}-${high}`;
}
