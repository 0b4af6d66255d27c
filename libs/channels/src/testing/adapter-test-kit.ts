import type { ChannelConfig } from '../types/channel-type';
import type { EventKind } from '../types/normalized-event';
import type { HttpResponse, ReplyContext } from '../types/outbound';
import type { WebhookRequest } from '../types/webhook-request';

/** Builders shared by the X, Telegram and LinkedIn specs (no jest here, so it type-checks anywhere). */
export function delivery(rawBody: Buffer | string, headers: Record<string, string | undefined> = {}): WebhookRequest {
  return { method: 'POST', headers, query: {}, rawBody: Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody, 'utf8') };
}

export function getRequest(query: Record<string, string>): WebhookRequest {
  return { method: 'GET', headers: {}, query, rawBody: Buffer.alloc(0) };
}

export function response(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

export interface ContextOptions {
  kind: EventKind;
  threadKey: string;
  replyTo?: { externalId: string; parentExternalId?: string | null; replyRef?: Record<string, string | string[] | undefined>; authorExternalId?: string } | null;
  contactId?: string;
  text?: string;
}

export function replyContext(type: string, config: ChannelConfig, options: ContextOptions): ReplyContext {
  const { replyTo } = options;
  return {
    channel: { id: 'ch-1', type, config },
    conversation: { id: 'conv-1', kind: options.kind, threadKey: options.threadKey, subject: null, emailToken: 'conv_abc123' },
    replyTo: replyTo
      ? {
          externalId: replyTo.externalId,
          parentExternalId: replyTo.parentExternalId ?? null,
          threadKey: options.threadKey,
          authorExternalId: replyTo.authorExternalId ?? options.contactId ?? '',
          replyRef: replyTo.replyRef ?? {},
        }
      : null,
    contact: options.contactId !== undefined ? { externalId: options.contactId, name: null, username: null, email: null } : null,
    message: { id: 'msg-1', text: options.text ?? 'Grazie, a presto! 🙏' },
    outboundMessageId: '<out-1@desk.example>',
  };
}

/** Deliveries no platform would send, which parse() must refuse or ignore but never crash on. */
export function deeplyNested(depth: number): string {
  return `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}
