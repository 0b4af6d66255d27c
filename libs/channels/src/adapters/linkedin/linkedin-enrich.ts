import { tryJson } from '../../http/read-json';
import type { HttpExecutor } from '../../types/channel-adapter';
import type { ChannelConfig } from '../../types/channel-type';
import type { NormalizedEvent } from '../../types/normalized-event';
import { apiBase } from '../shared/json-request';
import { at, clean, compact, configText, refText } from '../shared/payload-fields';
import { linkedinHeaders } from './linkedin-request';
import { commentUrnOf, memberOf, splitCommentUrn, textOf } from './linkedin-urn';

/**
 * Fetches what a notification without decorated data lacks: the comment (or the mentioning post) itself.
 * Throttling and outages are thrown, so the delivery is processed again later; a refusal (no permission, gone)
 * leaves the event as it was, marked still incomplete, so it never overwrites a text it does not know.
 */
export async function enrichLinkedinEvent(ev: NormalizedEvent, config: ChannelConfig, http: HttpExecutor): Promise<NormalizedEvent> {
  const url = lookupUrl(ev, config);
  if (url === undefined) return ev;
  const res = await http({ method: 'GET', url, headers: linkedinHeaders(config) });
  if (res.status === 429 || res.status >= 500) throw new Error(`LinkedIn answered ${res.status} while fetching ${ev.externalId}`);
  if (res.status < 200 || res.status >= 300) return ev;
  const found = tryJson(res.body);
  const author = memberOf(found);
  const text = textOf(found);
  const parent = ev.kind === 'comment' ? commentUrnOf(at(found, 'parentComment')) : undefined;
  const organizationUrn = configText(config, 'organizationUrn');
  return compact<NormalizedEvent>({
    ...ev,
    author: author ?? ev.author,
    text: text !== undefined ? clean(text) : ev.text,
    threadKey: parent ?? ev.threadKey,
    parentExternalId: parent ?? ev.parentExternalId,
    replyRef: parent !== undefined ? { ...ev.replyRef, rootCommentUrn: parent } : ev.replyRef,
    isEcho: ev.isEcho || author?.id === organizationUrn,
    needsEnrichment: author === undefined || text === undefined ? true : undefined,
  });
}

/** GET /socialActions/{object}/comments/{id} for a comment, GET /posts/{urn} for a mentioning post. */
function lookupUrl(ev: NormalizedEvent, config: ChannelConfig): string | undefined {
  if (ev.kind === 'mention') {
    const post = refText(ev.replyRef, 'postUrn') ?? ev.externalId;
    return `${apiBase(config)}/posts/${encodeURIComponent(post)}`;
  }
  const parts = splitCommentUrn(ev.externalId);
  return parts && `${apiBase(config)}/socialActions/${encodeURIComponent(parts.object)}/comments/${encodeURIComponent(parts.commentId)}`;
}
