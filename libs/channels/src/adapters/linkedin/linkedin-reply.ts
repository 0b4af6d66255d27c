import { classifyResponse } from '../../http/classify-response';
import type { HttpRequest, HttpResponse, ReplyContext, SendOutcome } from '../../types/outbound';
import { apiBase, postJson } from '../shared/json-request';
import { at, compact, configText, refText, str } from '../shared/payload-fields';
import { linkedinHeaders } from './linkedin-request';
import { commentUrnOf, splitCommentUrn, urnOf } from './linkedin-urn';

/**
 * A comment thread is answered under its root comment (LinkedIn shows one level of replies); a mention with a
 * comment on the mentioning post.
 */
export function buildLinkedinReply(ctx: ReplyContext): HttpRequest {
  const { config } = ctx.channel;
  const target = replyTarget(ctx);
  if (target.post === undefined) throw new Error('no LinkedIn post to comment on in this conversation');
  const body = compact({
    actor: configText(config, 'organizationUrn'),
    object: target.post,
    message: { text: ctx.message.text },
    parentComment: target.comment,
  });
  const on = target.comment ?? target.post;
  return postJson(`${apiBase(config)}/socialActions/${encodeURIComponent(on)}/comments`, body, linkedinHeaders(config));
}

/**
 * The new comment's URN comes in the x-restli-id header (percent-encoded under Rest.li 2.0). A bare id is made a
 * URN as the echo (ADMIN_COMMENT) will name it, so the echo finds this reply.
 */
export function readLinkedinReply(res: HttpResponse, ctx: ReplyContext): SendOutcome {
  return classifyResponse(res, {
    id: (body) => {
      const header = decoded(res.headers['x-restli-id']);
      const urn = commentUrnOf(header) ?? commentUrnOf(at(body, '$URN'));
      if (urn !== undefined) return urn;
      const target = replyTarget(ctx);
      const object = (target.comment !== undefined ? splitCommentUrn(target.comment)?.object : undefined) ?? target.post;
      return header !== undefined && /^\d+$/.test(header) && object !== undefined ? `urn:li:comment:(${object},${header})` : (header ?? urnOf(at(body, '$URN')));
    },
    error: (body) => str(at(body, 'message')) ?? str(at(body, 'code')),
  });
}

function replyTarget(ctx: ReplyContext): { post?: string; comment?: string } {
  const ref = ctx.replyTo?.replyRef;
  const threadKey = ctx.conversation.threadKey;
  const comment =
    ctx.conversation.kind === 'mention' ? undefined : (commentUrnOf(refText(ref, 'rootCommentUrn')) ?? commentUrnOf(threadKey) ?? commentUrnOf(ctx.replyTo?.externalId));
  const post = urnOf(refText(ref, 'postUrn')) ?? (comment !== undefined ? splitCommentUrn(comment)?.object : urnOf(threadKey));
  return { post, comment };
}

function decoded(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  try {
    return decodeURIComponent(header);
  } catch {
    return header;
  }
}
