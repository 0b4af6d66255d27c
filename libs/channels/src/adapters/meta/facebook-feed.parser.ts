import type { Attachment, EventOp, NormalizedEvent } from '../../types/normalized-event';
import { at, clean, cleanOpt, compact, isoOrNow, str, type Json } from '../shared/payload-fields';
import { UNKNOWN_AUTHOR_ID, isoFromEpochSeconds, isoFromGraphTime, metaId } from './meta-fields';

/**
 * Comment verbs. Meta has been seen sending `edit` for `edited`. hide/unhide are the page moderating a comment
 * that still exists: nothing changes in the conversation.
 */
const VERB_OPS: Record<string, EventOp> = { add: 'create', edited: 'edit', edit: 'edit', remove: 'delete', delete: 'delete' };

/**
 * A Page `feed` change about a comment (reactions, posts, shares and the rest of the feed give nothing).
 * Facebook shows two levels, so a reply's parent_id is its root comment: the conversation is keyed by the root
 * comment's id, or by the comment's own id when its parent is the post.
 *
 * pageIds: entry.id and the configured page id; a comment written by the page is our own (an echo).
 */
export function parseFeedChange(value: Json, pageIds: readonly string[], entryTime: string | undefined): NormalizedEvent | undefined {
  if (str(value.item) !== 'comment') return undefined;
  const verb = str(value.verb);
  const op = verb !== undefined && Object.hasOwn(VERB_OPS, verb) ? VERB_OPS[verb] : undefined;
  const commentId = metaId(value.comment_id);
  if (op === undefined || commentId === undefined) return undefined;
  const postId = metaId(value.post_id) ?? metaId(at(value, 'post', 'id'));
  const parentId = metaId(value.parent_id);
  // A post id is `<page>_<post>`, a comment id `<post>_<comment>`: a parent that is the post starts a thread.
  const parentComment = parentId !== undefined && parentId !== postId && !pageIds.some((page) => parentId.startsWith(`${page}_`)) ? parentId : undefined;
  const rootId = parentComment ?? commentId;
  // Older payloads name the author with sender_id/sender_name instead of `from`.
  const authorId = metaId(at(value, 'from', 'id')) ?? metaId(value.sender_id);
  const deleted = op === 'delete';
  return compact<NormalizedEvent>({
    op,
    kind: 'comment',
    externalId: commentId,
    threadKey: rootId,
    parentExternalId: parentComment,
    author: compact({ id: authorId ?? UNKNOWN_AUTHOR_ID, name: cleanOpt(at(value, 'from', 'name')) ?? cleanOpt(value.sender_name) }),
    text: deleted ? '' : clean(str(value.message) ?? ''),
    attachments: deleted ? [] : feedAttachments(value),
    occurredAt: isoOrNow(isoFromEpochSeconds(value.created_time) ?? isoFromGraphTime(value.created_time) ?? entryTime),
    isEcho: authorId !== undefined && pageIds.includes(authorId),
    context: postContext(value),
    replyRef: compact({ commentId, rootCommentId: rootId, postId }),
  });
}

/** A comment carries at most one photo or video, as a URL. */
function feedAttachments(value: Json): Attachment[] {
  const photo = cleanOpt(value.photo);
  const video = cleanOpt(value.video);
  return [...(photo ? [{ type: 'image', url: photo }] : []), ...(video ? [{ type: 'video', url: video }] : [])];
}

function postContext(value: Json): NormalizedEvent['context'] {
  const url = cleanOpt(at(value, 'post', 'permalink_url'));
  return url !== undefined ? { url } : undefined;
}
