import type { Attachment, NormalizedEvent } from '../../types/normalized-event';
import { at, clean, cleanOpt, compact, isoOrNow, num, obj, objects, str, type Json } from '../shared/payload-fields';
import { isoFromEpochSeconds, metaId } from './meta-fields';

/** Media messages: the object under the type's key carries id, mime_type, caption (not audio/sticker), filename (documents). */
const MEDIA_TYPES: Record<string, string> = { image: 'image', video: 'video', audio: 'audio', voice: 'audio', document: 'file', sticker: 'sticker' };

/** Types with nothing for an agent to read: reactions are not messages, the rest are platform notices. */
const IGNORED_TYPES = new Set(['reaction', 'system', 'request_welcome', 'ephemeral']);

interface Content {
  text: string;
  attachments: Attachment[];
}

/**
 * One `messages[]` item from a customer. The thread is the customer's wa_id; the name comes from the contacts[]
 * entry with the same wa_id; `context.id` is the message it answers (often one of ours).
 */
export function parseWhatsAppMessage(message: Json, contacts: Json[], phoneNumberId: string | undefined): NormalizedEvent | undefined {
  const id = metaId(message.id);
  const from = metaId(message.from);
  const type = str(message.type) ?? 'unknown';
  if (id === undefined || from === undefined || IGNORED_TYPES.has(type)) return undefined;
  const contact = contacts.find((c) => metaId(c.wa_id) === from) ?? (contacts.length === 1 ? contacts[0] : undefined);
  const { text, attachments } = contentOf(message, type);
  return compact<NormalizedEvent>({
    op: 'create',
    kind: 'message',
    externalId: id,
    threadKey: `dm:${from}`,
    parentExternalId: metaId(at(message, 'context', 'id')),
    author: compact({ id: from, name: cleanOpt(at(contact, 'profile', 'name')) }),
    text,
    attachments,
    occurredAt: isoOrNow(isoFromEpochSeconds(message.timestamp)),
    isEcho: false,
    replyRef: compact({ waId: from, messageId: id, phoneNumberId }),
  });
}

function contentOf(message: Json, type: string): Content {
  const body = obj(at(message, type));
  if (type === 'text') return { text: clean(str(at(body, 'body')) ?? ''), attachments: [] };
  if (Object.hasOwn(MEDIA_TYPES, type)) return { text: clean(str(at(body, 'caption')) ?? ''), attachments: [mediaAttachment(MEDIA_TYPES[type]!, body)] };
  if (type === 'location') return locationContent(body);
  if (type === 'contacts') return contactsContent(message.contacts);
  if (type === 'interactive') {
    const choice = obj(at(body, 'button_reply')) ?? obj(at(body, 'list_reply')) ?? obj(at(body, 'nfm_reply'));
    return { text: clean(str(at(choice, 'title')) ?? str(at(choice, 'body')) ?? ''), attachments: [] };
  }
  if (type === 'button') return { text: clean(str(at(body, 'text')) ?? str(at(body, 'payload')) ?? ''), attachments: [] };
  if (type === 'order') return { text: clean(str(at(body, 'text')) ?? ''), attachments: [{ type: 'order' }] };
  // `unsupported` and types newer than this code: the agent sees that something arrived.
  return { text: '', attachments: [{ type: clean(type).slice(0, 40) }] };
}

/** The media is fetched by id (GET /{media-id}, then its url with the token); the url is there when WhatsApp includes it. */
function mediaAttachment(type: string, media: Json | undefined): Attachment {
  return compact<Attachment>({
    type,
    mediaId: metaId(at(media, 'id')),
    mimeType: cleanOpt(at(media, 'mime_type')),
    name: cleanOpt(at(media, 'filename')),
    url: cleanOpt(at(media, 'url')),
  });
}

function locationContent(location: Json | undefined): Content {
  const lat = num(at(location, 'latitude'));
  const long = num(at(location, 'longitude'));
  const text = [cleanOpt(at(location, 'name')), cleanOpt(at(location, 'address'))].filter((part) => part !== undefined && part !== '').join(', ');
  const url = cleanOpt(at(location, 'url')) ?? (lat !== undefined && long !== undefined ? `https://maps.google.com/?q=${lat},${long}` : undefined);
  return { text, attachments: [compact<Attachment>({ type: 'location', url })] };
}

/** Shared contact cards: their names and first phone numbers as the text. */
function contactsContent(cards: unknown): Content {
  const listed = objects(cards).slice(0, 20);
  const lines = listed.map((card) => {
    const name = cleanOpt(at(card, 'name', 'formatted_name')) ?? '';
    const phone = cleanOpt(at(objects(at(card, 'phones'))[0], 'phone'));
    return phone !== undefined ? `${name} ${phone}`.trim() : name;
  });
  return { text: lines.filter((line) => line !== '').join('\n'), attachments: listed.map(() => ({ type: 'contact' })) };
}
