import type { NormalizedEvent } from '../../types/normalized-event';
import { at, clean, cleanOpt, compact, isoOrNow, str, type Json } from '../shared/payload-fields';
import { UNKNOWN_AUTHOR_ID, metaId } from './meta-fields';

/**
 * A `comments` / `live_comments` change. Instagram nests one level: a reply's parent_id is the top-level
 * comment, which roots the conversation. There are no edit or delete webhooks for comments; the time is the
 * entry's, the comment carrying none.
 *
 * ownIds: our IG account (entry.id and the configured id); a comment from it is our own (an echo).
 */
export function parseInstagramComment(value: Json, ownIds: readonly string[], entryTime: string | undefined): NormalizedEvent | undefined {
  const id = metaId(value.id);
  if (id === undefined) return undefined;
  const parentId = metaId(value.parent_id);
  const authorId = metaId(at(value, 'from', 'id'));
  const rootId = parentId ?? id;
  return compact<NormalizedEvent>({
    op: 'create',
    kind: 'comment',
    externalId: id,
    threadKey: rootId,
    parentExternalId: parentId,
    author: compact({ id: authorId ?? UNKNOWN_AUTHOR_ID, username: cleanOpt(at(value, 'from', 'username')) }),
    text: clean(str(value.text) ?? ''),
    attachments: [],
    occurredAt: isoOrNow(entryTime),
    isEcho: authorId !== undefined && ownIds.includes(authorId),
    replyRef: compact({ commentId: id, rootCommentId: rootId, mediaId: metaId(at(value, 'media', 'id')) }),
  });
}

/**
 * A `mentions` change: someone tagged us in a comment (comment_id) or a caption (media_id only) on their own
 * media. The payload holds ids only; enrich() fetches the text and the author.
 */
export function parseInstagramMention(value: Json, entryTime: string | undefined): NormalizedEvent | undefined {
  const commentId = metaId(value.comment_id);
  const mediaId = metaId(value.media_id);
  const externalId = commentId ?? mediaId;
  if (externalId === undefined) return undefined;
  return compact<NormalizedEvent>({
    op: 'create',
    kind: 'mention',
    externalId,
    threadKey: externalId,
    author: { id: UNKNOWN_AUTHOR_ID },
    text: '',
    attachments: [],
    occurredAt: isoOrNow(entryTime),
    isEcho: false,
    replyRef: compact({ commentId, mediaId }),
    needsEnrichment: true,
  });
}
