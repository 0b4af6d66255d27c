import { DEMO } from '../demo-accounts';
import { randomPerson } from './people';
import { phrase, randomIntent } from './phrases';
import { escapedJson } from './platform-json';
import type { Rng } from './random';
import { clip, customer, otherCustomer, seconds, type Customer, type GeneratedDelivery, type TrafficMemory } from './traffic.types';

const POSTS = ['987654321098765', '987654321099001', '987654321099002'];

interface EarlierComment {
  postObjectId: string;
  authorId: string;
  /** The root comment: Facebook shows two levels, so every reply hangs under the root. */
  rootId: string;
}

const fresh = (rng: Rng) => (): Customer => ({ ...randomPerson(rng), id: rng.digits(16) });

/** A Page feed comment (field feed, item comment, verb add), sometimes a reply under an earlier comment. */
export function facebookComment(rng: Rng, memory: TrafficMemory, at: Date): GeneratedDelivery {
  const earlier = rng.chance(0.3) ? memory.recall<EarlierComment>(rng, 'facebook.comment') : undefined;
  const author = earlier
    ? otherCustomer(rng, memory, 'facebook.people', fresh(rng), earlier.authorId)
    : customer(rng, memory, 'facebook.people', fresh(rng));
  const postObjectId = earlier?.postObjectId ?? rng.pick(POSTS);
  const postId = `${DEMO.pageId}_${postObjectId}`;
  const commentId = `${postObjectId}_${rng.digits(16)}`;
  const text = phrase(rng, author.language, earlier ? 'reply' : randomIntent(rng));
  const value = {
    from: { id: author.id, name: author.name },
    post: {
      status_type: 'added_photos',
      is_published: true,
      updated_time: at.toISOString().replace(/\.\d{3}Z$/, '+0000'),
      permalink_url: `https://www.facebook.com/${DEMO.pageId}/posts/pfbid0${rng.token(40)}`,
      promotion_status: 'inactive',
      id: postId,
    },
    message: text,
    post_id: postId,
    comment_id: commentId,
    created_time: seconds(at),
    item: 'comment',
    parent_id: earlier?.rootId ?? postId,
    verb: 'add',
  };
  memory.remember('facebook.comment', { postObjectId, authorId: author.id, rootId: earlier?.rootId ?? commentId } satisfies EarlierComment);
  return {
    channelType: 'facebook',
    body: escapedJson({ object: 'page', entry: [{ id: DEMO.pageId, time: seconds(at), changes: [{ field: 'feed', value }] }] }),
    contentType: 'application/json',
    externalId: commentId,
    kind: 'comment',
    text,
    language: author.language,
    ...(earlier ? { parentExternalId: earlier.rootId } : {}),
    author: { id: author.id, name: author.name },
    summary: `facebook comment${earlier ? ' (reply)' : ''} ${author.name}: ${clip(text)}`,
  };
}

/** A Messenger DM to the Page; a returning customer sometimes quotes their previous message. */
export function messengerMessage(rng: Rng, memory: TrafficMemory, at: Date): GeneratedDelivery {
  const author = customer(rng, memory, 'messenger.people', fresh(rng), 0.5);
  const previous = memory.recall<{ psid: string; mid: string }>(rng, `messenger.mid.${author.id}`);
  const quote = previous && rng.chance(0.3) ? previous.mid : undefined;
  const mid = `m_${rng.token(80)}`;
  const text = phrase(rng, author.language, randomIntent(rng));
  const message = { mid, text, ...(quote ? { reply_to: { mid: quote } } : {}) };
  memory.remember(`messenger.mid.${author.id}`, { psid: author.id, mid });
  const messaging = [{ sender: { id: author.id }, recipient: { id: DEMO.pageId }, timestamp: at.getTime(), message }];
  return {
    channelType: 'facebook',
    body: escapedJson({ object: 'page', entry: [{ id: DEMO.pageId, time: at.getTime() + 200, messaging }] }),
    contentType: 'application/json',
    externalId: mid,
    kind: 'message',
    text,
    language: author.language,
    ...(quote ? { parentExternalId: quote } : {}),
    author: { id: author.id, name: author.name },
    summary: `messenger DM from PSID ${author.id} (${author.name}): ${clip(text)}`,
  };
}
