import { DEMO } from '../demo-accounts';
import { randomPerson } from './people';
import { phrase, randomIntent } from './phrases';
import { escapedJson } from './platform-json';
import type { Rng } from './random';
import { clip, customer, otherCustomer, seconds, type Customer, type GeneratedDelivery, type TrafficMemory } from './traffic.types';

const MEDIA = [
  { id: '17999887766554433', media_product_type: 'FEED' },
  { id: '18055544433322211', media_product_type: 'REELS' },
  { id: '17999887766550001', media_product_type: 'FEED' },
];

interface EarlierComment {
  mediaIndex: number;
  authorId: string;
  /** Replies attach to top-level comments only. */
  rootId: string;
  username: string;
}

const fresh = (rng: Rng, prefix: string) => (): Customer => ({ ...randomPerson(rng), id: `${prefix}${rng.digits(16 - prefix.length)}` });

/** A comment on one of our posts or reels, sometimes a reply that @-mentions the earlier commenter. */
export function instagramComment(rng: Rng, memory: TrafficMemory, at: Date): GeneratedDelivery {
  const earlier = rng.chance(0.3) ? memory.recall<EarlierComment>(rng, 'instagram.comment') : undefined;
  const people = fresh(rng, '1784');
  const author = earlier ? otherCustomer(rng, memory, 'instagram.people', people, earlier.authorId) : customer(rng, memory, 'instagram.people', people);
  const mediaIndex = earlier?.mediaIndex ?? rng.int(0, MEDIA.length - 1);
  const id = `18${rng.digits(15)}`;
  const text = earlier ? `@${earlier.username} ${phrase(rng, author.language, 'reply')}` : phrase(rng, author.language, randomIntent(rng));
  const value = { from: { id: author.id, username: author.username }, media: MEDIA[mediaIndex], id, ...(earlier ? { parent_id: earlier.rootId } : {}), text };
  memory.remember('instagram.comment', { mediaIndex, authorId: author.id, rootId: earlier?.rootId ?? id, username: author.username } satisfies EarlierComment);
  return {
    channelType: 'instagram',
    body: escapedJson({ object: 'instagram', entry: [{ id: DEMO.igUserId, time: seconds(at), changes: [{ field: 'comments', value }] }] }),
    contentType: 'application/json',
    externalId: id,
    kind: 'comment',
    text,
    language: author.language,
    ...(earlier ? { parentExternalId: earlier.rootId } : {}),
    author: { id: author.id, name: author.username, username: author.username },
    summary: `instagram comment${earlier ? ' (reply)' : ''} @${author.username}: ${clip(text)}`,
  };
}

/** An Instagram DM (Messenger-style messaging, object instagram); the sender is only an IGSID. */
export function instagramDm(rng: Rng, memory: TrafficMemory, at: Date): GeneratedDelivery {
  const author = customer(rng, memory, 'instagram.dm.people', fresh(rng, ''), 0.5);
  const mid = `aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlE${rng.token(90)}ZDZD`;
  const text = phrase(rng, author.language, randomIntent(rng));
  const messaging = [{ sender: { id: author.id }, recipient: { id: DEMO.igUserId }, timestamp: at.getTime(), message: { mid, text } }];
  return {
    channelType: 'instagram',
    body: escapedJson({ object: 'instagram', entry: [{ id: DEMO.igUserId, time: at.getTime() + 300, messaging }] }),
    contentType: 'application/json',
    externalId: mid,
    kind: 'message',
    text,
    language: author.language,
    author: { id: author.id, name: author.id },
    summary: `instagram DM from IGSID ${author.id}: ${clip(text)}`,
  };
}
