import type { Attachment, EventAuthor, NormalizedEvent } from '../../types/normalized-event';
import { xMedia } from './x-media';
import { xAuthor, xId } from './x-user';
import { at, clean, cleanOpt, compact, isoFromMillis, isoOrNow, num, objects, str } from '../shared/payload-fields';

/**
 * A tweet_create_events item. A tweet that answers another is a comment under it (v1.1 carries no
 * conversation_id, so its root stays unknown and the parent links it); any other tweet that reaches us mentions
 * us and starts its own thread. Retweets are amplification, like a like: no event.
 */
export function parseTweetCreate(tweet: unknown, ownId: string): NormalizedEvent | undefined {
  const id = xId(at(tweet, 'id_str'));
  if (id === undefined || at(tweet, 'retweeted_status') !== undefined) return undefined;
  const author = xAuthor(at(tweet, 'user'));
  if (author === undefined) return undefined;
  const parent = xId(at(tweet, 'in_reply_to_status_id_str'));
  const isEcho = author.id === ownId;
  return compact<NormalizedEvent>({
    op: 'create',
    kind: parent !== undefined ? 'comment' : 'mention',
    externalId: id,
    threadKey: parent !== undefined ? undefined : id,
    parentExternalId: parent,
    author,
    counterpart: isEcho ? answeredUser(tweet, ownId) : undefined,
    text: displayText(tweet),
    attachments: tweetMedia(tweet),
    occurredAt: isoOrNow(isoFromMillis(at(tweet, 'timestamp_ms')) ?? createdAt(at(tweet, 'created_at'))),
    isEcho,
    context: author.username !== undefined ? { url: `https://x.com/${author.username}/status/${id}` } : undefined,
    replyRef: compact({ tweetId: id, authorId: author.id, authorUsername: author.username }),
  });
}

/** A tweet_delete_events item: the tweet's id is all X says, which is all a soft-delete needs. */
export function parseTweetDelete(item: unknown, ownId: string): NormalizedEvent | undefined {
  const id = xId(at(item, 'status', 'id_str')) ?? xId(at(item, 'status', 'id'));
  if (id === undefined) return undefined;
  const userId = xId(at(item, 'status', 'user_id_str')) ?? xId(at(item, 'status', 'user_id'));
  return {
    op: 'delete',
    kind: 'mention',
    externalId: id,
    author: { id: userId ?? 'unknown' },
    text: '',
    attachments: [],
    occurredAt: isoOrNow(isoFromMillis(at(item, 'timestamp_ms'))),
    isEcho: userId === ownId,
  };
}

/**
 * What a reader sees: the full text of a long tweet, without the leading @mentions of a reply and the trailing
 * media link, which display_text_range (in code points, over the unescaped text) leaves out.
 */
function displayText(tweet: unknown): string {
  const full = str(at(tweet, 'extended_tweet', 'full_text'));
  const raw = full ?? str(at(tweet, 'text')) ?? '';
  const range = full !== undefined ? at(tweet, 'extended_tweet', 'display_text_range') : at(tweet, 'display_text_range');
  return clean(cutToRange(unescapeHtml(raw), range));
}

function cutToRange(text: string, range: unknown): string {
  if (!Array.isArray(range) || range.length !== 2) return text;
  const [start, end] = range.map(num);
  if (start === undefined || end === undefined || !Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start) return text;
  return Array.from(text).slice(start, end).join('');
}

/** v1.1 escapes exactly these three in tweet text. One pass, so `&amp;lt;` stays `&lt;`. */
function unescapeHtml(text: string): string {
  return text.replace(/&(lt|gt|amp);/g, (_, name: string) => (name === 'lt' ? '<' : name === 'gt' ? '>' : '&'));
}

function tweetMedia(tweet: unknown): Attachment[] {
  const candidates = [
    at(tweet, 'extended_tweet', 'extended_entities', 'media'),
    at(tweet, 'extended_entities', 'media'),
    at(tweet, 'entities', 'media'),
  ];
  const media = candidates.map(objects).find((list) => list.length > 0) ?? [];
  return media.map(xMedia).filter((a): a is Attachment => a !== undefined);
}

/** Our own reply coming back: the customer is the one we answered. */
function answeredUser(tweet: unknown, ownId: string): EventAuthor | undefined {
  const id = xId(at(tweet, 'in_reply_to_user_id_str'));
  if (id === undefined || id === ownId) return undefined;
  return compact({ id, username: cleanOpt(at(tweet, 'in_reply_to_screen_name')) });
}

function createdAt(value: unknown): string | undefined {
  const text = str(value);
  return text === undefined ? undefined : isoFromMillis(Date.parse(text));
}
