import { classifyResponse } from '../../http/classify-response';
import { readJsonObject } from '../../http/read-json';
import { hmacSha256, safeEqual } from '../../signing/hmac';
import type { ChannelAdapter, NormalizedEvent } from '../../types';
import { validateApiDelivery, type ApiEvent } from './api-event.validator';

/** `sha256=<hex HMAC-SHA256(secret, exact bytes)>`, the signature of deliveries to us and of our replies to the sender. */
export function apiSignature(secret: string, body: Buffer | string): string {
  return `sha256=${hmacSha256(secret, body, 'hex')}`;
}

const clean = (s: string): string => s.replaceAll('\u0000', '');

function toEvent(e: ApiEvent): NormalizedEvent {
  const name = e.author.name !== undefined ? clean(e.author.name) : undefined;
  const username = e.author.username !== undefined ? clean(e.author.username) : undefined;
  // A business DM without threadId is threaded by inReplyTo: `dm:<author>` would be our own id.
  const threadKey = e.threadId ? `thread:${e.threadId}` : e.kind === 'message' && !e.fromBusiness ? `dm:${e.author.id}` : undefined;
  return {
    op: 'create',
    kind: e.kind,
    externalId: e.id,
    ...(threadKey ? { threadKey } : {}),
    ...(e.inReplyTo ? { parentExternalId: e.inReplyTo } : {}),
    author: { id: e.author.id, ...(name ? { name } : {}), ...(username ? { username } : {}), ...(e.author.followers !== undefined ? { followers: e.author.followers } : {}) },
    text: clean(e.text),
    attachments: [],
    // No createdAt: '' tells the processor to use the time the delivery was received.
    occurredAt: e.createdAt ? new Date(Date.parse(e.createdAt)).toISOString() : '',
    isEcho: e.fromBusiness === true,
    ...(e.context ? { context: { ...(e.context.url ? { url: e.context.url } : {}), ...(e.context.title ? { title: clean(e.context.title) } : {}) } } : {}),
    replyRef: { eventId: e.id, ...(e.threadId ? { threadId: e.threadId } : {}) },
  };
}

export const apiAdapter: ChannelAdapter = {
  type: 'api',

  handshake: () => null,

  verify(req, config) {
    const header = req.headers['x-signature'];
    if (!header) return { ok: false, status: 401, reason: 'missing X-Signature header' };
    const secret = String(config.secret ?? '');
    if (secret === '' || !safeEqual(header.trim().toLowerCase(), apiSignature(secret, req.rawBody))) {
      return { ok: false, status: 403, reason: 'X-Signature does not match the body' };
    }
    return { ok: true };
  },

  parse: (req) => validateApiDelivery(readJsonObject(req.rawBody)).map(toEvent),

  buildReply(ctx) {
    const config = ctx.channel.config;
    const replyUrl = config.replyUrl;
    if (typeof replyUrl !== 'string' || replyUrl === '') throw new Error('this api channel has no replyUrl');
    const threadId = ctx.replyTo?.replyRef.threadId;
    const body = JSON.stringify({
      messageId: ctx.message.id,
      conversationId: ctx.conversation.id,
      threadId: typeof threadId === 'string' ? threadId : null,
      inReplyTo: ctx.replyTo?.externalId ?? null,
      text: ctx.message.text,
    });
    return {
      method: 'POST',
      url: replyUrl,
      headers: { 'content-type': 'application/json', 'X-Signature': apiSignature(String(config.secret ?? ''), body) },
      body,
    };
  },

  readReply(res) {
    return classifyResponse(res, {
      id: (body) => {
        const id = isRecord(body) ? body.id : undefined;
        return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
      },
      error: (body) => {
        if (!isRecord(body)) return undefined;
        const error = isRecord(body.error) ? body.error.message : body.error;
        const message = typeof error === 'string' ? error : body.message;
        return typeof message === 'string' ? message.slice(0, 500) : undefined;
      },
    });
  },

  signDelivery: (rawBody, config) => ({ 'x-signature': apiSignature(String(config.secret ?? ''), rawBody) }),
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
