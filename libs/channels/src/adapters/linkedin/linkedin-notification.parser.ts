import type { EventOp, NormalizedEvent } from '../../types/normalized-event';
import { WebhookParseError } from '../../types/webhook-request';
import { at, clean, compact, isoFromMillis, isoOrNow, obj, objects, str, type Json } from '../shared/payload-fields';
import { commentUrnOf, memberOf, splitCommentUrn, textOf, urnOf } from './linkedin-urn';

/** Stands in for a commenter LinkedIn did not name, until enrich() finds out who it was. */
export const UNKNOWN_MEMBER = 'urn:li:person:unknown';

const NOTIFICATION_TYPE = 'ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS';

/** An organization social action delivery (up to 10 notifications) as events; likes and reshares give none. */
export function parseLinkedinNotifications(body: Json, organizationUrn: string): NormalizedEvent[] {
  if (!Array.isArray(body.notifications)) throw new WebhookParseError('not a LinkedIn notification delivery: notifications is not an array');
  if (body.type !== undefined && typeof body.type !== 'string') throw new WebhookParseError('type is not a string');
  if (body.type !== undefined && body.type !== NOTIFICATION_TYPE) return [];
  return objects(body.notifications)
    .map((n) => parseNotification(n, organizationUrn))
    .filter((e): e is NormalizedEvent => e !== undefined);
}

function parseNotification(n: Json, organizationUrn: string): NormalizedEvent | undefined {
  const occurredAt = isoOrNow(isoFromMillis(n.lastModifiedAt));
  switch (str(n.action)) {
    case 'COMMENT':
      return commentEvent(n, 'create', false, organizationUrn, occurredAt);
    case 'ADMIN_COMMENT':
      return commentEvent(n, 'create', true, organizationUrn, occurredAt);
    case 'COMMENT_EDIT':
      return commentEvent(n, 'edit', false, organizationUrn, occurredAt);
    case 'COMMENT_DELETE':
      return commentDelete(n, occurredAt);
    case 'SHARE_MENTION':
      return mentionEvent(n, organizationUrn, occurredAt);
    default:
      return undefined;
  }
}

/**
 * A comment on our post. LinkedIn nests one level only, so a comment's parent (when the decorated activity
 * names one) is its thread's root; a top-level comment roots its own thread.
 */
function commentEvent(n: Json, op: EventOp, byAdmin: boolean, organizationUrn: string, occurredAt: string): NormalizedEvent | undefined {
  const urn = commentUrnOf(n.generatedActivity);
  if (urn === undefined) return undefined;
  const comment = at(n, 'decoratedGeneratedActivity', 'comment');
  const parent = commentUrnOf(at(comment, 'parentComment'));
  const member = memberOf(comment);
  const text = textOf(comment);
  const author = member ?? (byAdmin ? { id: urnOf(n.organizationalEntity) ?? organizationUrn } : undefined);
  const postUrn = postOf(n, comment, urn);
  return compact<NormalizedEvent>({
    op,
    kind: 'comment',
    externalId: urn,
    threadKey: parent ?? urn,
    parentExternalId: parent,
    author: author ?? { id: UNKNOWN_MEMBER },
    text: clean(text ?? ''),
    attachments: [],
    occurredAt,
    isEcho: byAdmin || author?.id === organizationUrn,
    context: postUrn !== undefined ? postLink(postUrn) : undefined,
    replyRef: compact({ postUrn, commentUrn: urn, rootCommentUrn: parent ?? urn }),
    needsEnrichment: author === undefined || text === undefined ? true : undefined,
  });
}

function commentDelete(n: Json, occurredAt: string): NormalizedEvent | undefined {
  const urn = commentUrnOf(n.generatedActivity);
  if (urn === undefined) return undefined;
  const author = memberOf(at(n, 'decoratedGeneratedActivity', 'comment'));
  return { op: 'delete', kind: 'comment', externalId: urn, author: author ?? { id: UNKNOWN_MEMBER }, text: '', attachments: [], occurredAt, isEcho: false };
}

/** A member's post that mentions us: the post itself is the message, and the root of its own thread. */
function mentionEvent(n: Json, organizationUrn: string, occurredAt: string): NormalizedEvent | undefined {
  const urn = urnOf(n.generatedActivity) ?? urnOf(n.sourcePost);
  if (urn === undefined) return undefined;
  const share = obj(at(n, 'decoratedGeneratedActivity', 'share')) ?? obj(n.decoratedSourcePost);
  const author = memberOf(share) ?? memberOf(n.decoratedSourcePost);
  const text = textOf(share);
  return compact<NormalizedEvent>({
    op: 'create',
    kind: 'mention',
    externalId: urn,
    threadKey: urn,
    author: author ?? { id: UNKNOWN_MEMBER },
    text: clean(text ?? ''),
    attachments: [],
    occurredAt,
    isEcho: author?.id === organizationUrn,
    context: postLink(urn),
    replyRef: { postUrn: urn },
    needsEnrichment: author === undefined || text === undefined ? true : undefined,
  });
}

/** The post a comment is on: the notification's sourcePost, else what the comment says it is on. */
function postOf(n: Json, comment: unknown, commentUrn: string): string | undefined {
  return urnOf(n.sourcePost) ?? urnOf(at(comment, 'object')) ?? splitCommentUrn(commentUrn)?.object;
}

function postLink(postUrn: string): { url: string } {
  return { url: `https://www.linkedin.com/feed/update/${postUrn}/` };
}
