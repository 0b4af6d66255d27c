import type { ChannelConfig } from './channel-type';
import type { EventKind } from './normalized-event';

/** A request an adapter wants made; built by pure code, executed by the one HTTP client. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
}

export type SendOutcome =
  /** externalId: the platform's id of what we sent, which its echo and delivery statuses will carry. */
  | { outcome: 'sent'; externalId?: string }
  /** 5xx, 429, timeouts: try again, not before retryAfterSeconds when the platform says so. */
  | { outcome: 'retry'; error: string; retryAfterSeconds?: number }
  /** A permanent 4xx: never retried; error is the platform's own message, shown to the agent. */
  | { outcome: 'failed'; error: string };

/** Everything an adapter needs to answer a conversation. */
export interface ReplyContext {
  channel: { id: string; type: string; config: ChannelConfig };
  conversation: { id: string; kind: EventKind; threadKey: string; subject: string | null; emailToken: string };
  /** The customer message being answered: the newest inbound message of the conversation that is not deleted. */
  replyTo: {
    externalId: string;
    parentExternalId: string | null;
    threadKey: string;
    authorExternalId: string;
    replyRef: Record<string, string | string[] | undefined>;
  } | null;
  contact: { externalId: string; name: string | null; username: string | null; email: string | null } | null;
  message: { id: string; text: string };
  /** The desk's id for an outbound e-mail (`<out-...@domain>`), fixed before the first attempt so retries reuse it. */
  outboundMessageId: string;
}
