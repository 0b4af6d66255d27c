import type { Attachment } from '../../types';
import { readJsonObject } from '../../http/read-json';
import { WebhookParseError } from '../../types/webhook-request';
import { idOf } from '../shared/payload-fields';
import { addressesIn, addressOf, displayNameOf, messageIdsIn } from './email-address';
import { attachmentType, clean, displayText, type InboundEmail } from './inbound-email';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.slice(0, 500).map(obj).filter((x): x is Json => x !== undefined) : []);

/**
 * Postmark's inbound webhook JSON. Null for Postmark's other webhooks (bounce, delivery, open: they carry a
 * RecordType) sent to the same URL: valid, but nothing for the inbox.
 */
export function parsePostmarkInbound(raw: Buffer): InboundEmail | null {
  const body = readJsonObject(raw);
  const recordType = str(body.RecordType);
  if (recordType !== undefined && recordType !== 'Inbound') return null;
  const fromFull = obj(body.FromFull);
  // Whatever FromFull.Email holds must still read as an address: it becomes the contact's identity.
  const fromEmail = addressOf(str(fromFull?.Email)) ?? addressOf(str(body.From));
  if (!fromEmail) throw new WebhookParseError('not a Postmark inbound message: no From address');
  const header = headerReader(body.Headers);
  const recipients = [...list(body.ToFull), ...list(body.CcFull), ...list(body.BccFull)];
  const ccFull = list(body.CcFull).map((c) => str(c.Email)).filter((e): e is string => e !== undefined);
  return {
    messageId: messageIdsIn(header('message-id'))[0],
    providerId: idOf(body.MessageID),
    fromEmail,
    fromName: str(body.FromName) ?? str(fromFull?.Name) ?? displayNameOf(str(body.From)),
    replyTo: addressOf(str(body.ReplyTo)),
    to: list(body.ToFull).map((t) => str(t.Email)).filter((e): e is string => e !== undefined),
    cc: ccFull.length > 0 ? ccFull : addressesIn(str(body.Cc)),
    subject: str(body.Subject) ?? '',
    date: str(body.Date) ?? header('date'),
    text: displayText(str(body.StrippedTextReply), str(body.TextBody), str(body.HtmlBody)),
    inReplyTo: header('in-reply-to'),
    references: messageIdsIn(header('references')),
    threadToken: str(body.MailboxHash) ?? recipients.map((r) => str(r.MailboxHash)).find((h) => h !== undefined),
    attachments: list(body.Attachments).slice(0, 100).map(toAttachment),
  };
}

/** Case-insensitive lookup in Postmark's `Headers: [{Name, Value}]` (the first occurrence wins). */
function headerReader(headers: unknown): (name: string) => string | undefined {
  const found = new Map<string, string>();
  for (const h of list(headers)) {
    const name = str(h.Name)?.toLowerCase();
    const value = str(h.Value);
    if (name !== undefined && value !== undefined && !found.has(name)) found.set(name, value);
  }
  return (name) => found.get(name);
}

function toAttachment(a: Json): Attachment {
  const mimeType = str(a.ContentType);
  const size = typeof a.ContentLength === 'number' && Number.isFinite(a.ContentLength) ? a.ContentLength : undefined;
  return {
    type: attachmentType(mimeType),
    ...(str(a.Name) ? { name: clean(str(a.Name)!) } : {}),
    ...(mimeType ? { mimeType } : {}),
    ...(size !== undefined ? { size } : {}),
  };
}
