import { DEMO } from '../demo-accounts';
import { randomPerson } from './people';
import { phrase, randomIntent } from './phrases';
import { bigNumber, jsonWithBigNumbers } from './platform-json';
import type { Rng } from './random';
import { clip, customer, otherCustomer, type Customer, type GeneratedDelivery, type TrafficMemory } from './traffic.types';

interface EarlierTweet {
  id: string;
  userId: string;
  screenName: string;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** v1.1's created_at: `Mon Jun 10 07:30:12 +0000 2024`. */
function twitterTime(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = `${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())}`;
  return `${DAYS[at.getUTCDay()]} ${MONTHS[at.getUTCMonth()]} ${pad(at.getUTCDate())} ${time} +0000 ${at.getUTCFullYear()}`;
}

function mention(screenName: string, id: string, start: number): Record<string, unknown> {
  return { screen_name: screenName, name: screenName, id: bigNumber(id), id_str: id, indices: [start, start + screenName.length + 1] };
}

/** An Account Activity tweet_create_event that mentions us, sometimes replying to an earlier one. */
export function xMention(rng: Rng, memory: TrafficMemory, at: Date): GeneratedDelivery {
  const earlier = rng.chance(0.3) ? memory.recall<EarlierTweet>(rng, 'x.tweet') : undefined;
  const people = (): Customer => ({ ...randomPerson(rng), id: `1${rng.digits(18)}` });
  const author = earlier ? otherCustomer(rng, memory, 'x.people', people, earlier.userId) : customer(rng, memory, 'x.people', people);
  const display = `${phrase(rng, author.language, earlier ? 'reply' : randomIntent(rng))}`;
  const prefix = earlier ? `@${earlier.screenName} ` : '';
  const text = `${prefix}@${DEMO.xScreenName} ${display}`;
  const id = `18${rng.digits(17)}`;
  const mentions = [...(earlier ? [mention(earlier.screenName, earlier.userId, 0)] : []), mention(DEMO.xScreenName, DEMO.xUserId, prefix.length)];
  const tweet = {
    created_at: twitterTime(at),
    id: bigNumber(id),
    id_str: id,
    text,
    display_text_range: [earlier ? prefix.length : 0, [...text].length],
    source: '<a href="http://twitter.com/download/iphone" rel="nofollow">Twitter for iPhone</a>',
    truncated: false,
    in_reply_to_status_id: earlier ? bigNumber(earlier.id) : null,
    in_reply_to_status_id_str: earlier?.id ?? null,
    in_reply_to_user_id: earlier ? bigNumber(earlier.userId) : null,
    in_reply_to_user_id_str: earlier?.userId ?? null,
    in_reply_to_screen_name: earlier?.screenName ?? null,
    user: {
      id: bigNumber(author.id),
      id_str: author.id,
      name: author.name,
      screen_name: author.username,
      protected: false,
      verified: author.followers > 100_000,
      followers_count: author.followers,
      friends_count: rng.int(50, 1500),
      statuses_count: rng.int(10, 40_000),
      created_at: 'Tue Mar 14 09:12:45 +0000 2017',
    },
    is_quote_status: false,
    entities: { hashtags: [], urls: [], symbols: [], user_mentions: mentions },
    lang: author.language,
    timestamp_ms: String(at.getTime()),
  };
  memory.remember('x.tweet', { id, userId: author.id, screenName: author.username } satisfies EarlierTweet);
  return {
    channelType: 'x',
    body: jsonWithBigNumbers({ for_user_id: DEMO.xUserId, user_has_blocked: false, tweet_create_events: [tweet] }),
    contentType: 'application/json',
    externalId: id,
    kind: earlier ? 'comment' : 'mention',
    text: display,
    language: author.language,
    ...(earlier ? { parentExternalId: earlier.id } : {}),
    author: { id: author.id, name: author.name, username: author.username, followers: author.followers },
    summary: `x ${earlier ? 'reply' : 'mention'} @${author.username} (${author.followers} followers): ${clip(display)}`,
  };
}
