/**
 * One platform event in the desk's own terms. An adapter's parse() turns one delivery into any number of these
 * (deliveries are batched; reactions, likes and read receipts give none).
 */
export type EventKind = 'comment' | 'mention' | 'message';
export type EventOp = 'create' | 'edit' | 'delete' | 'status';
export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'read' | 'failed';

export interface EventAuthor {
  /** The platform's id of the person (PSID, IGSID, wa_id, X user id, e-mail address, ...). */
  id: string;
  name?: string;
  username?: string;
  followers?: number;
  email?: string;
}

export interface Attachment {
  type: string; // image | video | audio | file | sticker | location | share | ...
  url?: string;
  name?: string;
  mimeType?: string;
  size?: number;
  /** The platform's media id, where the platform gives one instead of a URL (WhatsApp, Telegram file_id). */
  mediaId?: string;
}

export interface NormalizedEvent {
  op: EventOp;
  kind: EventKind;
  /**
   * The message's identity on this channel, the same for its create, edits and delete (and, for `status`, the
   * id the platform gave our outbound message). Unique per channel: prefix it where the platform's id is not
   * (Telegram: `<chat.id>:<message_id>`).
   */
  externalId: string;
  /**
   * The platform thread this message belongs to, when the platform says so: `dm:<customer id>` for direct
   * messages, the root comment's id for comment threads, the YouTube thread id. A conversation is keyed by it.
   */
  threadKey?: string;
  /** The id of the message this one answers (comment parent, quoted DM, In-Reply-To). */
  parentExternalId?: string;
  /** E-mail only: References ids, nearest first, tried after parentExternalId. */
  referenceIds?: string[];
  /** E-mail only: the plus-address token (Postmark MailboxHash, e.g. `conv_8f3a2c`). */
  threadToken?: string;
  author: EventAuthor;
  /**
   * The customer of the thread when the author is not (our own echo in a DM: the recipient). Used when the event
   * starts a conversation.
   */
  counterpart?: EventAuthor;
  text: string;
  attachments: Attachment[];
  /** The platform's own time of the event, ISO 8601 UTC. */
  occurredAt: string;
  /** Written by the business (our own reply coming back, or a reply made outside the desk). */
  isEcho: boolean;
  subject?: string;
  context?: { url?: string; title?: string };
  /** Whatever the adapter's reply needs later about this message (chat id, Message-ID and References, media id). */
  replyRef?: Record<string, string | string[] | undefined>;
  /** op `status` only. */
  status?: Exclude<DeliveryStatus, 'queued'>;
  statusError?: string;
  /** The event lacks its content and the adapter's enrich() must fetch it (Instagram mentions). */
  needsEnrichment?: boolean;
}
