import type { ChannelConfig, NormalizedEvent } from '../../types';
import { readJsonObject } from '../../http/read-json';
import { WebhookParseError } from '../../types/webhook-request';
import { idOf, isoFromTime } from '../shared/payload-fields';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const LIST_KINDS = new Set(['youtube#commentThreadListResponse', 'youtube#commentListResponse']);

/**
 * A stored poll response (commentThreads.list or comments.list) to one event per comment. The same comment comes
 * back on every poll; the processor recognises it by id, and an updatedAt after publishedAt makes it an edit.
 */
export function parseYoutubeComments(raw: Buffer, config: ChannelConfig): NormalizedEvent[] {
  const body = readJsonObject(raw);
  const kind = body.kind;
  if (kind !== undefined && (typeof kind !== 'string' || !LIST_KINDS.has(kind))) throw new WebhookParseError(`not a YouTube comment list response: kind ${JSON.stringify(kind)?.slice(0, 80)}`);
  if (!Array.isArray(body.items)) throw new WebhookParseError('not a YouTube comment list response: items is not an array');
  const ownChannel = String(config.channelId ?? '');
  const events: NormalizedEvent[] = [];
  for (const item of body.items.slice(0, 10_000)) {
    const thread = obj(item);
    const snippet = obj(thread?.snippet);
    if (thread?.kind === 'youtube#commentThread' || snippet?.topLevelComment !== undefined) {
      const threadId = idOf(thread?.id);
      const top = toEvent(snippet?.topLevelComment, threadId, ownChannel);
      if (top) events.push(top);
      for (const reply of arr(obj(thread?.replies)?.comments).slice(0, 1_000)) {
        const ev = toEvent(reply, threadId, ownChannel);
        if (ev) events.push(ev);
      }
    } else {
      const ev = toEvent(item, undefined, ownChannel);
      if (ev) events.push(ev);
    }
  }
  return events;
}

/** One comment resource; a reply's thread is its parentId (YouTube threads are one level deep). */
function toEvent(value: unknown, threadId: string | undefined, ownChannel: string): NormalizedEvent | null {
  const comment = obj(value);
  const snippet = obj(comment?.snippet);
  const id = idOf(comment?.id);
  if (!id || !snippet) return null;
  const parentId = idOf(snippet.parentId);
  const rootId = parentId ?? threadId ?? id;
  const published = toIso(snippet.publishedAt);
  const updated = toIso(snippet.updatedAt);
  const authorId = idOf(obj(snippet.authorChannelId)?.value);
  const displayName = str(snippet.authorDisplayName)?.replaceAll('\u0000', '');
  const videoId = str(snippet.videoId);
  return {
    op: published && updated && updated > published ? 'edit' : 'create',
    kind: 'comment',
    externalId: id,
    threadKey: rootId,
    ...(parentId ? { parentExternalId: parentId } : {}),
    author: { id: authorId ?? `unknown:${displayName ?? id}`, ...(displayName ? { name: displayName, username: displayName } : {}) },
    text: (str(snippet.textOriginal) ?? str(snippet.textDisplay) ?? '').replaceAll('\u0000', ''),
    attachments: [],
    occurredAt: published ?? updated ?? '',
    isEcho: authorId !== undefined && authorId === ownChannel,
    ...(videoId ? { context: { url: `https://www.youtube.com/watch?v=${encodeURIComponent(videoId)}&lc=${encodeURIComponent(id)}` } } : {}),
    replyRef: { threadId: rootId, ...(videoId ? { videoId } : {}) },
  };
}

/** YouTube's RFC 3339 times to ISO UTC (comparable as strings); undefined when absent or unreadable. */
export function toIso(value: unknown): string | undefined {
  return typeof value === 'string' ? isoFromTime(Date.parse(value)) : undefined;
}
