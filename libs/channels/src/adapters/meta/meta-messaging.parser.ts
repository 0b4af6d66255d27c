import type { Attachment, NormalizedEvent } from '../../types/normalized-event';
import { at, clean, cleanOpt, compact, isoFromMillis, isoOrNow, num, obj, objects, str, type Json } from '../shared/payload-fields';
import { metaId } from './meta-fields';

/** Enough for any real message; a hostile list must not become a huge row. */
const MAX_ATTACHMENTS = 50;

/**
 * One `messaging[]` item of Messenger or Instagram Messaging. Only messages, their edits and unsends become
 * events; reads, deliveries, reactions, postbacks and referrals carry nothing for the desk. The thread is the
 * customer's, whoever writes: our own messages come back as echoes from the page to the customer.
 *
 * ownIds: the page or Instagram account (entry.id and the configured id), so a sender that is us is an echo
 * even without the is_echo flag.
 */
export function parseMessagingItem(item: Json, ownIds: readonly string[]): NormalizedEvent | undefined {
  const edit = obj(at(item, 'message_edit'));
  const message = obj(at(item, 'message'));
  if (edit === undefined && message === undefined) return undefined;
  const sender = metaId(at(item, 'sender', 'id'));
  const recipient = metaId(at(item, 'recipient', 'id'));
  const isEcho = at(message, 'is_echo') === true || (sender !== undefined && ownIds.includes(sender));
  const customer = isEcho ? recipient : sender;
  const author = sender ?? (isEcho ? ownIds[0] : undefined);
  const mid = metaId(at(edit ?? message, 'mid'));
  if (customer === undefined || author === undefined || mid === undefined) return undefined;

  const common = {
    kind: 'message' as const,
    externalId: mid,
    threadKey: `dm:${customer}`,
    author: { id: author },
    counterpart: isEcho ? { id: customer } : undefined,
    occurredAt: isoOrNow(isoFromMillis(at(item, 'timestamp'))),
    isEcho,
    replyRef: { recipientId: customer, mid },
  };
  if (edit !== undefined) return compact<NormalizedEvent>({ ...common, op: 'edit', text: clean(str(edit.text) ?? ''), attachments: [] });
  if (at(message, 'is_deleted') === true) return compact<NormalizedEvent>({ ...common, op: 'delete', text: '', attachments: [] });
  return compact<NormalizedEvent>({
    ...common,
    op: 'create',
    text: clean(str(at(message, 'text')) ?? ''),
    attachments: messageAttachments(message),
    parentExternalId: metaId(at(message, 'reply_to', 'mid')),
    // An Instagram reply to a story points at the story, not at a message.
    context: storyContext(at(message, 'reply_to', 'story')),
  });
}

function messageAttachments(message: unknown): Attachment[] {
  const listed = objects(at(message, 'attachments')).slice(0, MAX_ATTACHMENTS).map(messagingAttachment);
  // Instagram marks what it cannot show (some stickers, polls) instead of attaching it.
  if (listed.length === 0 && at(message, 'is_unsupported') === true) return [{ type: 'unsupported' }];
  return listed;
}

/** image|video|audio|file|fallback|template|share|story_mention|reel|ig_reel|...: the platform's type, kept as is. */
function messagingAttachment(attachment: Json): Attachment {
  const type = cleanOpt(attachment.type)?.slice(0, 40) || 'file';
  const payload = at(attachment, 'payload');
  const lat = num(at(payload, 'coordinates', 'lat'));
  const long = num(at(payload, 'coordinates', 'long'));
  const mapUrl = lat !== undefined && long !== undefined ? `https://maps.google.com/?q=${lat},${long}` : undefined;
  return compact<Attachment>({
    // Messenger sends stickers as images that carry a sticker_id.
    type: type === 'image' && at(payload, 'sticker_id') !== undefined ? 'sticker' : type,
    url: cleanOpt(at(payload, 'url')) ?? mapUrl,
    name: cleanOpt(at(payload, 'title')) ?? cleanOpt(at(attachment, 'title')),
  });
}

function storyContext(story: unknown): NormalizedEvent['context'] {
  const url = cleanOpt(at(story, 'url'));
  return url !== undefined ? { url } : undefined;
}
