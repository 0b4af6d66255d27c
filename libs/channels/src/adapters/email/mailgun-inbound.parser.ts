import type { Attachment } from '../../types';
import { tryJson } from '../../http/read-json';
import { WebhookParseError } from '../../types/webhook-request';
import { addressesIn, addressOf, displayNameOf, messageIdsIn, plusToken } from './email-address';
import { attachmentType, clean, displayText, type InboundEmail } from './inbound-email';

/** A urlencoded Mailgun form as a case-insensitive map (first value wins); Mailgun spells `Message-Id` its own way. */
export function readMailgunForm(raw: Buffer): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(raw.toString('utf8'))) {
    const key = name.toLowerCase();
    if (!fields.has(key)) fields.set(key, value);
  }
  return fields;
}

/** Mailgun's route forward / store notification, delivered as `application/x-www-form-urlencoded`. */
export function parseMailgunInbound(raw: Buffer): InboundEmail {
  const fields = readMailgunForm(raw);
  const headers = messageHeaders(fields.get('message-headers'));
  const header = (name: string): string | undefined => nonEmpty(fields.get(name)) ?? nonEmpty(headers.get(name));
  const from = header('from');
  const fromEmail = addressOf(from) ?? addressOf(fields.get('sender'));
  if (!fromEmail) throw new WebhookParseError('not a Mailgun inbound form: no from or sender field');
  const recipients = addressesIn(fields.get('recipient') ?? header('to'));
  return {
    messageId: messageIdsIn(header('message-id'))[0],
    fromEmail,
    fromName: displayNameOf(from),
    replyTo: addressOf(header('reply-to')),
    to: recipients,
    cc: addressesIn(header('cc')),
    subject: header('subject') ?? '',
    date: header('date'),
    fallbackEpochSeconds: fields.get('timestamp'),
    text: displayText(fields.get('stripped-text'), fields.get('body-plain'), fields.get('body-html')),
    inReplyTo: header('in-reply-to'),
    references: messageIdsIn(header('references')),
    threadToken: recipients.map(plusToken).find((t) => t !== undefined),
    attachments: storedAttachments(fields.get('attachments')),
  };
}

const nonEmpty = (v: string | undefined): string | undefined => (v === undefined || v === '' ? undefined : v);

/** `message-headers` is a JSON string of `[name, value]` pairs. */
function messageHeaders(json: string | undefined): Map<string, string> {
  const found = new Map<string, string>();
  const pairs = json ? tryJson(json) : undefined;
  if (!Array.isArray(pairs)) return found;
  for (const pair of pairs.slice(0, 500)) {
    if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') continue;
    const key = pair[0].toLowerCase();
    if (!found.has(key)) found.set(key, pair[1]);
  }
  return found;
}

/** Store notifications list attachments as a JSON string `[{url, content-type, name, size}]`; forwards inline them as files we do not take. */
function storedAttachments(json: string | undefined): Attachment[] {
  const items = json ? tryJson(json) : undefined;
  if (!Array.isArray(items)) return [];
  return items.slice(0, 100).flatMap((item: unknown): Attachment[] => {
    if (typeof item !== 'object' || item === null) return [];
    const a = item as Record<string, unknown>;
    const mimeType = typeof a['content-type'] === 'string' ? a['content-type'] : undefined;
    return [
      {
        type: attachmentType(mimeType),
        ...(typeof a.url === 'string' ? { url: a.url } : {}),
        ...(typeof a.name === 'string' ? { name: clean(a.name) } : {}),
        ...(mimeType ? { mimeType } : {}),
        ...(typeof a.size === 'number' && Number.isFinite(a.size) ? { size: a.size } : {}),
      },
    ];
  });
}
