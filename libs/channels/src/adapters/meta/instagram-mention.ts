import type { HttpExecutor } from '../../types/channel-adapter';
import type { ChannelConfig } from '../../types/channel-type';
import type { NormalizedEvent } from '../../types/normalized-event';
import type { HttpRequest } from '../../types/outbound';
import { tryJson } from '../../http/read-json';
import { apiBase, bearer } from '../shared/json-request';
import { at, clean, cleanOpt, compact, configText, obj, refText, str } from '../shared/payload-fields';
import { readMetaReply } from './meta-error';
import { isoFromGraphTime, metaId } from './meta-fields';

/**
 * The request for a mention's content: the mentioning comment, or for a caption mention the media, read
 * through our own account (the only way: the comment is on someone else's media).
 */
export function mentionRequest(event: NormalizedEvent, config: ChannelConfig): HttpRequest | undefined {
  const commentId = refText(event.replyRef, 'commentId');
  const mediaId = refText(event.replyRef, 'mediaId');
  const fields =
    commentId !== undefined
      ? `mentioned_comment.comment_id(${encodeURIComponent(commentId)}){text,username,timestamp,from}`
      : mediaId !== undefined
        ? `mentioned_media.media_id(${encodeURIComponent(mediaId)}){caption,username,timestamp,permalink}`
        : undefined;
  const igUserId = configText(config, 'igUserId');
  if (fields === undefined || igUserId === '') return undefined;
  const headers = bearer(configText(config, 'accessToken'));
  return { method: 'GET', url: `${apiBase(config)}/${encodeURIComponent(igUserId)}?fields=${fields}`, headers };
}

/**
 * Fills a mention's text, author and time. A failure worth retrying (5xx, rate limit) throws, so the delivery
 * is processed again later; a permanent one (the comment was deleted, no permission) keeps the mention as
 * it is rather than failing the other events of its delivery.
 */
export async function enrichMention(event: NormalizedEvent, config: ChannelConfig, http: HttpExecutor): Promise<NormalizedEvent> {
  const request = event.kind === 'mention' && event.needsEnrichment ? mentionRequest(event, config) : undefined;
  if (request === undefined) return event;
  const res = await http(request);
  const outcome = readMetaReply(res);
  if (outcome.outcome === 'retry') throw new Error(`fetching Instagram mention ${event.externalId} failed: ${outcome.error}`);
  if (outcome.outcome === 'failed') return event;
  const body = tryJson(res.body);
  const node = obj(at(body, 'mentioned_comment')) ?? obj(at(body, 'mentioned_media'));
  if (node === undefined) return event;
  const username = cleanOpt(node.username) ?? cleanOpt(at(node, 'from', 'username'));
  const authorId = metaId(at(node, 'from', 'id')) ?? username ?? event.author.id;
  const permalink = cleanOpt(node.permalink);
  return compact<NormalizedEvent>({
    ...event,
    text: clean(str(node.text) ?? str(node.caption) ?? ''),
    author: compact({ id: authorId, username }),
    occurredAt: isoFromGraphTime(node.timestamp) ?? event.occurredAt,
    context: permalink !== undefined ? { ...event.context, url: permalink } : event.context,
    needsEnrichment: undefined,
  });
}
