import { DEMO } from '../demo-accounts';
import { randomPerson } from './people';
import { phrase, randomIntent } from './phrases';
import type { Rng } from './random';
import { clip, customer, otherCustomer, type Customer, type GeneratedDelivery, type TrafficMemory } from './traffic.types';

/** The organization's posts (the numeric part is both the share's and its activity's id). */
const POSTS = ['7205123456789012480', '7205123456789019001', '7205123456789019002'];

interface EarlierComment {
  post: string;
  authorId: string;
  /** LinkedIn nests one level: every reply hangs under the root comment. */
  rootUrn: string;
}

const fresh = (rng: Rng) => (): Customer => ({ ...randomPerson(rng), id: `urn:li:person:${rng.token(10).replace(/[-_]/g, 'x')}` });

/** A member as a decorated notification names them, so the desk needs no people lookup. */
function owner(c: Customer): Record<string, unknown> {
  return { urn: c.id, localizedFirstName: c.firstName, localizedLastName: c.lastName };
}

/**
 * An organization social action notification: mostly a member's comment on one of our posts (sometimes a reply
 * under an earlier comment, from someone else), sometimes a member's own post that mentions us.
 */
export function linkedinActivity(rng: Rng, memory: TrafficMemory, at: Date): GeneratedDelivery {
  const base = { notificationId: Number(rng.digits(11)), organizationalEntity: DEMO.organizationUrn, lastModifiedAt: at.getTime(), subscriber: 'urn:li:person:Xy7AbC12dE' };
  if (rng.chance(0.2)) {
    const author = customer(rng, memory, 'linkedin.people', fresh(rng));
    const share = `urn:li:share:${rng.digits(19)}`;
    const text = `${phrase(rng, author.language, 'praise')} @${DEMO.pageName}`;
    const notification = {
      ...base,
      action: 'SHARE_MENTION',
      sourcePost: share,
      decoratedSourcePost: { entity: share, owner: author.id },
      generatedActivity: share,
      decoratedGeneratedActivity: { share: { entity: share, owner: owner(author), text } },
    };
    return delivery(notification, { externalId: share, kind: 'mention', text, author, summary: `linkedin mention by ${author.name}: ${clip(text)}` });
  }
  const earlier = rng.chance(0.3) ? memory.recall<EarlierComment>(rng, 'linkedin.comment') : undefined;
  const author = earlier ? otherCustomer(rng, memory, 'linkedin.people', fresh(rng), earlier.authorId) : customer(rng, memory, 'linkedin.people', fresh(rng));
  const post = earlier?.post ?? rng.pick(POSTS);
  const urn = `urn:li:comment:(urn:li:activity:${post},${rng.digits(19)})`;
  const text = phrase(rng, author.language, earlier ? 'reply' : randomIntent(rng));
  const comment = {
    entity: urn,
    object: `urn:li:activity:${post}`,
    owner: owner(author),
    text,
    ...(earlier ? { parentComment: earlier.rootUrn } : {}),
  };
  const notification = {
    ...base,
    action: 'COMMENT',
    sourcePost: `urn:li:share:${post}`,
    decoratedSourcePost: { entity: `urn:li:share:${post}`, owner: DEMO.organizationUrn },
    generatedActivity: urn,
    decoratedGeneratedActivity: { comment },
  };
  memory.remember('linkedin.comment', { post, authorId: author.id, rootUrn: earlier?.rootUrn ?? urn } satisfies EarlierComment);
  return delivery(notification, {
    externalId: urn,
    kind: 'comment',
    text,
    author,
    parentExternalId: earlier?.rootUrn,
    summary: `linkedin comment${earlier ? ' (reply)' : ''} ${author.name}: ${clip(text)}`,
  });
}

function delivery(
  notification: Record<string, unknown>,
  d: { externalId: string; kind: 'comment' | 'mention'; text: string; author: Customer; parentExternalId?: string; summary: string },
): GeneratedDelivery {
  return {
    channelType: 'linkedin',
    // LinkedIn sends compact UTF-8 JSON.
    body: JSON.stringify({ type: 'ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS', notifications: [notification] }),
    contentType: 'application/json',
    externalId: d.externalId,
    kind: d.kind,
    text: d.text,
    language: d.author.language,
    ...(d.parentExternalId ? { parentExternalId: d.parentExternalId } : {}),
    author: { id: d.author.id, name: `${d.author.firstName} ${d.author.lastName}` },
    summary: d.summary,
  };
}
