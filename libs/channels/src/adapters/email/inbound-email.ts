import { createHash } from 'node:crypto';
import type { Attachment, ChannelConfig, NormalizedEvent } from '../../types';
import { isoFromTime } from '../shared/payload-fields';
import { addressOf, messageIdsIn } from './email-address';

/** One received e-mail, whichever inbound provider delivered it. */
export interface InboundEmail {
  /** The RFC 5322 Message-ID, brackets kept. */
  messageId?: string;
  /** The provider's own id (Postmark MessageID), used only when the mail has no Message-ID. */
  providerId?: string;
  fromEmail: string;
  fromName?: string;
  replyTo?: string;
  to: string[];
  cc: string[];
  subject: string;
  date?: string;
  /** Used when the mail carries no Date header (Mailgun's delivery timestamp, in seconds). */
  fallbackEpochSeconds?: string;
  text: string;
  inReplyTo?: string;
  /** References ids in header order: oldest first. */
  references: string[];
  threadToken?: string;
  attachments: Attachment[];
}

// One pass, no nested quantifiers over the same characters: a hostile "re re re ..." subject stays linear.
const REPLY_PREFIXES = /^(?:\s*(?:re|r|fwd|fw|i|aw|tr)\s*(?:\[\d+\]\s*)?:)+/i;

/** `Re: Fwd:  Private  Dinner` -> `private dinner`: the subject as a reply chain keeps it. */
export function normalizeSubject(subject: string): string {
  return subject.slice(0, 2_000).replace(REPLY_PREFIXES, '').replace(/\s+/g, ' ').trim().toLowerCase().slice(0, 200);
}

/** RFC 5322 dates (`Tue, 11 Jun 2024 09:12:03 +0200 (CEST)`) and ISO strings to ISO UTC; '' when unreadable. */
export function emailDateToIso(value: string | undefined): string {
  if (!value) return '';
  return isoFromTime(Date.parse(value.slice(0, 200).replace(/\([^()]*\)/g, ' ').trim())) ?? '';
}

function epochToIso(seconds: string | undefined): string {
  const ms = Number(seconds) * 1000;
  return (seconds && ms > 0 && isoFromTime(ms)) || '';
}

export function clean(value: string): string {
  return value.replaceAll('\u0000', '');
}

export function toEmailEvent(mail: InboundEmail, config: ChannelConfig): NormalizedEvent {
  const fromId = mail.fromEmail.toLowerCase();
  const ours = addressOf(String(config.fromAddress ?? ''))?.toLowerCase();
  const isEcho = ours !== undefined && ours === fromId;
  const counterpart = isEcho ? mail.to.find((a) => a.toLowerCase() !== ours) : undefined;
  const parent = messageIdsIn(mail.inReplyTo)[0];
  const subject = clean(mail.subject);
  const occurredAt = emailDateToIso(mail.date) || epochToIso(mail.fallbackEpochSeconds);
  return {
    op: 'create',
    kind: 'message',
    externalId: mail.messageId ?? mail.providerId ?? hashedId(mail),
    // Our own mail belongs to the customer's thread: the subject key names the customer, as a DM key would.
    threadKey: `subject:${(counterpart ?? fromId).toLowerCase()}:${normalizeSubject(subject)}`,
    ...(parent ? { parentExternalId: parent } : {}),
    ...(mail.references.length > 0 ? { referenceIds: [...mail.references].reverse() } : {}),
    ...(mail.threadToken ? { threadToken: mail.threadToken } : {}),
    author: { id: fromId, email: mail.fromEmail, ...(mail.fromName ? { name: clean(mail.fromName) } : {}) },
    ...(counterpart ? { counterpart: { id: counterpart.toLowerCase(), email: counterpart } } : {}),
    text: clean(mail.text),
    attachments: mail.attachments,
    occurredAt,
    isEcho,
    subject,
    replyRef: {
      ...(mail.messageId ? { messageId: mail.messageId } : {}),
      references: mail.references,
      replyTo: (isEcho ? counterpart : undefined) ?? mail.replyTo ?? mail.fromEmail,
      subject,
      ...(mail.cc.length > 0 ? { cc: mail.cc.join(', ') } : {}),
    },
  };
}

/** A mail without any id still needs a stable one, so a redelivery of it is recognised. */
function hashedId(mail: InboundEmail): string {
  return 'sha256:' + createHash('sha256').update(`${mail.fromEmail}\n${mail.date ?? ''}\n${mail.subject}`).digest('hex');
}

/** The attachment kind the desk shows, from its MIME type. */
export function attachmentType(mimeType: string | undefined): string {
  const top = mimeType?.split('/')[0]?.toLowerCase();
  return top === 'image' || top === 'video' || top === 'audio' ? top : 'file';
}

/** The text to show: the provider's stripped reply, else the plain body, else the HTML body reduced to text. */
export function displayText(stripped: string | undefined, plain: string | undefined, html: string | undefined): string {
  if (stripped && stripped.trim() !== '') return stripped;
  if (plain && plain.trim() !== '') return plain;
  if (!html) return '';
  // Tag patterns stop at the next '<', so unclosed tags in a hostile body cannot make the scan quadratic.
  return html
    .slice(0, 200_000)
    .replace(/<br\s*\/?>|<\/(?:p|div|li|tr|h\d)\s*>/gi, '\n')
    .replace(/<[^<>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
