import { digits, token } from './ids';
import { metaError } from './meta-errors';
import { metaNode } from './meta-node';
import { bearer, json, objectParam, params, stringParam } from './request-params';
import type { FakeRequest, FakeResponse, MentionedComment, PlatformRouter, RouteHandler } from './types';

const missing = (what: string): FakeResponse => json(400, metaError(400, `(#100) The parameter ${what} is required`, 100));

/** Graph takes the token as a Bearer header, or as access_token in the query or body. */
function withToken(handler: RouteHandler): RouteHandler {
  return (req) => {
    if (bearer(req) || stringParam(params(req).access_token)) return handler(req);
    return json(400, metaError(400, 'An access token is required to request this resource.', 104));
  };
}

/** A new comment's id: `<object>_<new>`, the object being the part of the target id before its first underscore. */
function comment(targetId: string) {
  return (req: FakeRequest): FakeResponse => {
    const p = params(req);
    if (!stringParam(p.message) && !stringParam(p.attachment_url) && !stringParam(p.attachment_id)) return missing('message');
    return json(200, { id: `${targetId.split('_')[0]}_${digits(16)}` });
  };
}

function reply(req: FakeRequest): FakeResponse {
  return stringParam(params(req).message) ? json(200, { id: digits(17) }) : missing('message');
}

function whatsappSend(req: FakeRequest): FakeResponse {
  const p = params(req);
  // Marking a message read goes to the same edge and answers differently.
  if (p.status === 'read') return stringParam(p.message_id) ? json(200, { success: true }) : missing('message_id');
  const to = stringParam(p.to);
  if (!to) return missing('to');
  if (!stringParam(p.type) && !objectParam(p.text)) return missing('type');
  return json(200, {
    messaging_product: 'whatsapp',
    contacts: [{ input: to, wa_id: to.replace(/\D/g, '') }],
    messages: [{ id: `wamid.${token(36)}` }],
  });
}

/** Messenger and Instagram Send API; a private reply (recipient.comment_id) gets a fresh recipient id. */
function messengerSend(req: FakeRequest): FakeResponse {
  const p = params(req);
  const recipient = objectParam(p.recipient);
  if (!recipient || (!stringParam(recipient.id) && !stringParam(recipient.comment_id) && !stringParam(recipient.user_ref))) return missing('recipient');
  if (!objectParam(p.message) && !stringParam(p.sender_action)) return missing('message');
  return json(200, { recipient_id: stringParam(recipient.id) ?? digits(16), message_id: `m_${token(60)}` });
}

function mentionReply(req: FakeRequest): FakeResponse {
  const p = params(req);
  if (!stringParam(p.media_id) && !stringParam(p.comment_id)) return missing('media_id');
  return stringParam(p.message) ? json(200, { id: digits(17) }) : missing('message');
}

function send(req: FakeRequest): FakeResponse {
  return params(req).messaging_product !== undefined ? whatsappSend(req) : messengerSend(req);
}

/** Facebook, Instagram and WhatsApp share the Graph API, mounted at /graph/v<version>. */
export function createMetaRouter(mentions: () => Map<string, MentionedComment>): PlatformRouter {
  return {
    platform: 'meta',
    match(req) {
      const [id, edge, ...rest] = req.segments;
      if (!id || rest.length > 0) return null;
      if (req.method === 'GET' && edge === undefined) return withToken((r) => metaNode(id, r.query.fields, mentions()));
      if (req.method !== 'POST') return null;
      if (edge === 'comments') return withToken(comment(id));
      if (edge === 'replies') return withToken(reply);
      if (edge === 'messages') return withToken(send);
      if (edge === 'mentions') return withToken(mentionReply);
      return null;
    },
    errorBody: (status, message) => metaError(status, message),
  };
}
