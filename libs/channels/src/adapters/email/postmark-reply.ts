import { classifyResponse } from '../../http/classify-response';
import { tryJson } from '../../http/read-json';
import type { HttpRequest, HttpResponse, ReplyContext, SendOutcome } from '../../types';
import { addressOf, withPlusToken } from './email-address';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** The reply as Postmark's `POST /email`, threaded by In-Reply-To/References and by the plus-address in Reply-To. */
export function buildPostmarkReply(ctx: ReplyContext): HttpRequest {
  const config = ctx.channel.config;
  const from = String(config.fromAddress ?? '');
  const fromEmail = addressOf(from);
  if (!fromEmail) throw new Error('this e-mail channel has no valid fromAddress');
  const ref = ctx.replyTo?.replyRef ?? {};
  const to = text(ref.replyTo) ?? ctx.contact?.email ?? undefined;
  if (!to) throw new Error('the customer has no e-mail address to answer');
  const theirId = text(ref.messageId);
  const theirReferences = Array.isArray(ref.references) ? ref.references : [];
  const headers = [{ Name: 'Message-ID', Value: ctx.outboundMessageId }];
  if (theirId) {
    headers.push({ Name: 'In-Reply-To', Value: theirId }, { Name: 'References', Value: [...theirReferences, theirId].join(' ') });
  }
  const cc = text(ref.cc);
  const body = {
    From: from,
    To: to,
    ...(cc ? { Cc: cc } : {}),
    Subject: replySubject(text(ref.subject) ?? ctx.conversation.subject ?? ''),
    TextBody: ctx.message.text,
    ReplyTo: withPlusToken(fromEmail, ctx.conversation.emailToken),
    Headers: headers,
    MessageStream: 'outbound',
  };
  return {
    method: 'POST',
    url: `${config.apiBaseUrl}/email`,
    headers: { 'content-type': 'application/json', accept: 'application/json', 'X-Postmark-Server-Token': String(config.serverToken ?? '') },
    body: JSON.stringify(body),
  };
}

/** `Re: ` once: a subject that already is a reply keeps its prefix. */
export function replySubject(subject: string): string {
  const trimmed = subject.trim();
  return /^re\s*:/i.test(trimmed) ? trimmed : `Re: ${trimmed}`.trim();
}

/**
 * Postmark answers 200 `{ErrorCode: 0, MessageID}`; the id customers' replies will reference is our own
 * Message-ID, so that is what the message is recorded under.
 */
export function readPostmarkReply(res: HttpResponse, ctx: ReplyContext): SendOutcome {
  const body = record(tryJson(res.body));
  const code = body?.ErrorCode;
  // A 2xx that still reports an error code sent nothing.
  if (res.status >= 200 && res.status < 300 && typeof code === 'number' && code !== 0) {
    return { outcome: 'failed', error: `${res.status}: ${text(body?.Message) ?? `Postmark ErrorCode ${code}`}` };
  }
  return classifyResponse(res, { id: () => ctx.outboundMessageId, error: (b) => text(record(b)?.Message) });
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
