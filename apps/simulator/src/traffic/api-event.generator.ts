import { randomPerson } from './people';
import { phrase, randomIntent } from './phrases';
import type { Rng } from './random';
import { clip, customer, otherCustomer, type Customer, type GeneratedDelivery, type TrafficMemory } from './traffic.types';

interface EarlierEvent {
  id: string;
  kind: 'comment' | 'mention' | 'message';
  threadId?: string;
  author: Customer;
}

const POSTS = [
  { threadId: 'post-menu-estate', title: 'Il nuovo menu estivo ☀️', url: 'https://brand.example/posts/menu-estate' },
  { threadId: 'post-live-music', title: 'Live music every Friday 🎸', url: 'https://brand.example/posts/live-music' },
  { threadId: 'post-delivery', title: 'Ora consegniamo anche a Trastevere 🛵', url: 'https://brand.example/posts/delivery' },
];

/**
 * The desk's generic `api` event (CONTRACT.md): comments under a few posts, mentions, DMs, and replies to earlier
 * events (inReplyTo) from other people, with follower counts.
 */
export function apiEvent(rng: Rng, memory: TrafficMemory, at: Date): GeneratedDelivery {
  const earlier = rng.chance(0.25) ? memory.recall<EarlierEvent>(rng, 'api.event') : undefined;
  const fresh = (): Customer => ({ ...randomPerson(rng), id: `user-${rng.token(10)}` });
  const id = `evt_${rng.token(20)}`;
  let event: Record<string, unknown>;
  let remembered: EarlierEvent;
  if (earlier && earlier.kind !== 'mention') {
    // A DM continues with the same person; a comment gets answered by someone else in the thread.
    const author = earlier.kind === 'message' ? earlier.author : otherCustomer(rng, memory, 'api.people', fresh, earlier.author.id);
    const text = phrase(rng, author.language, earlier.kind === 'message' ? randomIntent(rng) : 'reply');
    event = { id, kind: earlier.kind, inReplyTo: earlier.id, ...(earlier.threadId ? { threadId: earlier.threadId } : {}), author: authorOf(author), text };
    remembered = { id, kind: earlier.kind, threadId: earlier.threadId, author };
  } else {
    const author = customer(rng, memory, 'api.people', fresh);
    const roll = rng.next();
    const kind = roll < 0.5 ? 'comment' : roll < 0.8 ? 'message' : 'mention';
    const post = rng.pick(POSTS);
    const text = kind === 'mention' ? `@brand ${phrase(rng, author.language, randomIntent(rng))}` : phrase(rng, author.language, randomIntent(rng));
    const onPost = kind === 'comment' && rng.chance(0.7);
    event = {
      id,
      kind,
      ...(onPost ? { threadId: post.threadId } : {}),
      author: authorOf(author),
      text,
      ...(kind !== 'message' ? { context: { url: post.url, title: post.title } } : {}),
    };
    remembered = { id, kind, threadId: onPost ? post.threadId : undefined, author };
  }
  event.createdAt = at.toISOString();
  memory.remember('api.event', remembered);
  const text = String(event.text);
  return {
    channelType: 'api',
    body: JSON.stringify(event),
    contentType: 'application/json',
    externalId: id,
    kind: remembered.kind,
    text,
    language: remembered.author.language,
    ...(event.inReplyTo ? { parentExternalId: String(event.inReplyTo) } : {}),
    author: { id: remembered.author.id, name: remembered.author.name, username: remembered.author.username, followers: remembered.author.followers },
    summary: `api ${remembered.kind}${event.inReplyTo ? ' (reply)' : ''} @${remembered.author.username}: ${clip(text)}`,
  };
}

function authorOf(c: Customer): Record<string, unknown> {
  return { id: c.id, name: c.name, username: c.username, followers: c.followers };
}
