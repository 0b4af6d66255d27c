import { fixtureBytes } from '../../testing/fixtures';
import type { ChannelConfig } from '../../types/channel-type';
import { WebhookParseError } from '../../types/webhook-request';
import { deeplyNested, delivery, getRequest } from '../../testing/adapter-test-kit';
import { xAdapter } from './x.adapter';

const config: ChannelConfig = {
  apiBaseUrl: 'https://api.x.com',
  userId: '1402345678901234567',
  consumerSecret: 'test_x_consumer_secret_8b1d',
  accessToken: 'x-user-token',
};
const OWN = '1402345678901234567';
const GIULIA = { id: '1187654321098765432', name: 'Giulia Rossi 🌻', username: 'giuliarossi92', followers: 1843 };
const MARK = { id: '998877665544332211', name: 'Mark Thompson', username: 'markthompson_uk', followers: 23411 };
const DA_GINO = { id: OWN, name: 'Trattoria Da Gino', username: 'DaGinoTrattoria', followers: 5120 };

/** The README's precomputed x-twitter-webhooks-signature of each fixture. */
const SIGNED: Record<string, string> = {
  'tweet_mention.json': 'sha256=G1ye++L5Dn0sTw6AteVRD0AqII9yfOb8+4DC/WAXwJA=',
  'tweet_reply_extended.json': 'sha256=a/dDyBlR8WQMLiMWmYrpnA2cbmAvcuu/ZgHFz/Y5N68=',
  'dm_text.json': 'sha256=FqLlGHtRAEldFLGuh7e123t9rsb6DKt+5sPccLptbSk=',
  'dm_media.json': 'sha256=QWmN/nq+iMG7Ya1d2/ZiAMbPli1FK824jYOhj46YPO4=',
  'tweet_delete.json': 'sha256=AZHCu5cGdMxSdQfdiXcwYxODcItsB71jy6glClj8UAM=',
};

const fixture = (file: string) => delivery(fixtureBytes('x_twitter', file), { 'x-twitter-webhooks-signature': SIGNED[file] });
const parse = (body: unknown) => xAdapter.parse(delivery(typeof body === 'string' ? body : JSON.stringify(body)), config);

describe('xAdapter handshake (CRC)', () => {
  it('answers the README crc_token with the precomputed response_token as JSON', () => {
    const answer = xAdapter.handshake(getRequest({ crc_token: '9b4507b3-9040-4669-9ca3-6b94edb50553' }), config);
    expect(answer).toEqual({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({ response_token: 'sha256=nEOpxVeZ4jiWJ9hLHyU5XPe4/NdcIQMJ4N8y++T31a8=' }),
    });
  });

  it('is not a handshake without crc_token, or on a POST', () => {
    expect(xAdapter.handshake(getRequest({}), config)).toBeNull();
    expect(xAdapter.handshake({ ...delivery('{}'), query: { crc_token: 'abc' } }, config)).toBeNull();
  });

  it('refuses the CRC when the channel has no consumer secret', () => {
    expect(xAdapter.handshake(getRequest({ crc_token: 'abc' }), { ...config, consumerSecret: undefined })?.status).toBe(403);
  });
});

describe('xAdapter verify', () => {
  it.each(Object.keys(SIGNED))('accepts %s with its README signature', (file) => {
    expect(xAdapter.verify(fixture(file), config)).toEqual({ ok: true });
  });

  it.each(Object.keys(SIGNED))('signDelivery reproduces the README signature of %s', (file) => {
    expect(xAdapter.signDelivery(fixtureBytes('x_twitter', file), config)).toEqual({ 'x-twitter-webhooks-signature': SIGNED[file] });
  });

  it('rejects a tampered body with 403', () => {
    const body = Buffer.from(fixtureBytes('x_twitter', 'dm_text.json').toString('utf8').replace('cane', 'gatto'));
    expect(xAdapter.verify(delivery(body, { 'x-twitter-webhooks-signature': SIGNED['dm_text.json'] }), config)).toMatchObject({ ok: false, status: 403 });
  });

  it('rejects a signature made with another secret with 403', () => {
    expect(xAdapter.verify(fixture('tweet_mention.json'), { ...config, consumerSecret: 'another-secret' })).toMatchObject({ ok: false, status: 403 });
  });

  it('rejects a missing or empty signature header with 401', () => {
    const body = fixtureBytes('x_twitter', 'tweet_mention.json');
    expect(xAdapter.verify(delivery(body), config)).toMatchObject({ ok: false, status: 401 });
    expect(xAdapter.verify(delivery(body, { 'x-twitter-webhooks-signature': '' }), config)).toMatchObject({ ok: false, status: 401 });
  });

  it('rejects a signature without its sha256= prefix, and every delivery when the channel has no secret', () => {
    const body = fixtureBytes('x_twitter', 'tweet_mention.json');
    const bare = SIGNED['tweet_mention.json']!.slice('sha256='.length);
    expect(xAdapter.verify(delivery(body, { 'x-twitter-webhooks-signature': bare }), config)).toMatchObject({ ok: false, status: 403 });
    expect(xAdapter.verify(fixture('tweet_mention.json'), { ...config, consumerSecret: undefined })).toMatchObject({ ok: false, status: 403 });
  });
});

describe('xAdapter parse: fixtures', () => {
  it('tweet_mention.json: a mention rooting its own thread', () => {
    expect(xAdapter.parse(fixture('tweet_mention.json'), config)).toEqual([
      {
        op: 'create',
        kind: 'mention',
        externalId: '1801234567890123456',
        threadKey: '1801234567890123456',
        author: GIULIA,
        text: 'Cena fantastica ieri da @DaGinoTrattoria 😍 la cacio e pepe migliore di Roma! #roma #foodie',
        attachments: [],
        occurredAt: '2024-06-10T07:30:12.345Z',
        isEcho: false,
        context: { url: 'https://x.com/giuliarossi92/status/1801234567890123456' },
        replyRef: { tweetId: '1801234567890123456', authorId: GIULIA.id, authorUsername: 'giuliarossi92' },
      },
    ]);
  });

  it('tweet_reply_extended.json: a comment under our tweet, full text cut by display_text_range, no thread key', () => {
    const [event] = xAdapter.parse(fixture('tweet_reply_extended.json'), config);
    expect(event).toEqual({
      op: 'create',
      kind: 'comment',
      externalId: '1801234999990001112',
      parentExternalId: '1800999888777666555',
      author: MARK,
      text:
        "Hi! Quick question before I book: do you have a gluten-free option for the carbonara, and is the terrace open in the evening? We're a group of 6 arriving on Friday 🙏 Thanks a lot, can't wait to try it after all the great reviews! 🇮🇹🍝",
      attachments: [],
      occurredAt: '2024-06-10T08:02:44.000Z',
      isEcho: false,
      context: { url: 'https://x.com/markthompson_uk/status/1801234999990001112' },
      replyRef: { tweetId: '1801234999990001112', authorId: MARK.id, authorUsername: 'markthompson_uk' },
    });
    expect(event!.threadKey).toBeUndefined();
    expect(Array.from(event!.text)).toHaveLength(233);
  });

  it('dm_text.json: a DM in the customer thread', () => {
    expect(xAdapter.parse(fixture('dm_text.json'), config)).toEqual([
      {
        op: 'create',
        kind: 'message',
        externalId: '1801240000111222333',
        threadKey: 'dm:1187654321098765432',
        author: GIULIA,
        text: 'Ciao! Posso portare il mio cane sulla terrazza? 🐶',
        attachments: [],
        occurredAt: '2024-06-10T08:10:00.123Z',
        isEcho: false,
        replyRef: { dmEventId: '1801240000111222333', participantId: GIULIA.id, dmConversationId: '1187654321098765432-1402345678901234567' },
      },
    ]);
  });

  it('dm_media.json: the photo as an attachment, its t.co link stripped, ids sorted as numbers', () => {
    expect(xAdapter.parse(fixture('dm_media.json'), config)).toEqual([
      {
        op: 'create',
        kind: 'message',
        externalId: '1801240999888777666',
        threadKey: 'dm:998877665544332211',
        author: MARK,
        text: "Here's the receipt, I was charged twice 😕",
        attachments: [
          {
            type: 'image',
            url: 'https://ton.twitter.com/1.1/ton/data/dm/1801240999888777666/1801240987654321098/AbCdEfGh.jpg',
            mediaId: '1801240987654321098',
          },
        ],
        occurredAt: '2024-06-10T08:15:00.456Z',
        isEcho: false,
        replyRef: { dmEventId: '1801240999888777666', participantId: MARK.id, dmConversationId: '998877665544332211-1402345678901234567' },
      },
    ]);
  });

  it('tweet_delete.json: a delete of the mention tweet', () => {
    expect(xAdapter.parse(fixture('tweet_delete.json'), config)).toEqual([
      {
        op: 'delete',
        kind: 'mention',
        externalId: '1801234567890123456',
        author: { id: '1187654321098765432' },
        text: '',
        attachments: [],
        occurredAt: '2024-06-10T08:59:59.000Z',
        isEcho: false,
      },
    ]);
  });
});

describe('xAdapter parse: echoes, batches and other events', () => {
  const dmText = () => JSON.parse(fixtureBytes('x_twitter', 'dm_text.json').toString('utf8'));
  const mention = () => JSON.parse(fixtureBytes('x_twitter', 'tweet_mention.json').toString('utf8'));

  it('our own DM is an echo in the recipient thread, with the recipient as counterpart', () => {
    const body = dmText();
    body.direct_message_events[0].message_create = { ...body.direct_message_events[0].message_create, sender_id: OWN, target: { recipient_id: GIULIA.id } };
    const [event] = parse(body);
    expect(event).toMatchObject({ isEcho: true, author: DA_GINO, counterpart: GIULIA, threadKey: `dm:${GIULIA.id}`, kind: 'message' });
    expect(event!.replyRef).toMatchObject({ participantId: GIULIA.id, dmConversationId: `${GIULIA.id}-${OWN}` });
  });

  it('our own reply tweet is an echo under the tweet it answers, the answered user as counterpart', () => {
    const body = mention();
    Object.assign(body.tweet_create_events[0], {
      id_str: '1801234567890999999',
      user: { id_str: OWN, name: 'Trattoria Da Gino', screen_name: 'DaGinoTrattoria', followers_count: 5120 },
      in_reply_to_status_id_str: '1801234567890123456',
      in_reply_to_user_id_str: GIULIA.id,
      in_reply_to_screen_name: 'giuliarossi92',
      text: '@giuliarossi92 Grazie Giulia!',
      display_text_range: [15, 29],
    });
    expect(parse(body)[0]).toMatchObject({
      isEcho: true,
      kind: 'comment',
      parentExternalId: '1801234567890123456',
      counterpart: { id: GIULIA.id, username: 'giuliarossi92' },
      text: 'Grazie Giulia!',
    });
  });

  it('yields every event of a batched delivery, in order', () => {
    const body = { ...mention(), direct_message_events: dmText().direct_message_events, users: dmText().users };
    body.tweet_create_events.push({ ...body.tweet_create_events[0], id_str: '1801234567890123457' });
    expect(parse(body).map((e) => e.externalId)).toEqual(['1801234567890123456', '1801234567890123457', '1801240000111222333']);
  });

  it('ignores retweets, likes, follows, typing and reads, and DM events that are not message_create', () => {
    const body = mention();
    body.tweet_create_events[0].retweeted_status = { id_str: '1' };
    expect(parse(body)).toEqual([]);
    expect(parse({ for_user_id: OWN, favorite_events: [{ id: 'x' }], follow_events: [{}] })).toEqual([]);
    expect(parse({ for_user_id: OWN, direct_message_indicate_typing_events: [{}], direct_message_mark_read_events: [{}] })).toEqual([]);
    expect(parse({ for_user_id: OWN, direct_message_events: [{ type: 'reaction_create', id: '5' }] })).toEqual([]);
  });

  it('never uses the rounded numeric id: a tweet without id_str is skipped', () => {
    const body = mention();
    delete body.tweet_create_events[0].id_str;
    expect(parse(body)).toEqual([]);
  });

  it('unescapes v1.1 HTML entities before cutting, and strips NUL from text and names', () => {
    const body = mention();
    Object.assign(body.tweet_create_events[0], { text: 'Pasta &amp; vino &lt;3 &amp;lt;\u0000', display_text_range: undefined });
    body.tweet_create_events[0].user.name = 'Giu\u0000lia';
    const [event] = parse(body);
    expect(event!.text).toBe('Pasta & vino <3 &lt;');
    expect(event!.author.name).toBe('Giulia');
  });

  it('lists tweet photos and the best video variant', () => {
    const body = mention();
    body.tweet_create_events[0].extended_entities = {
      media: [
        { id_str: '11', type: 'photo', media_url_https: 'https://pbs.twimg.com/media/a.jpg' },
        {
          id_str: '12',
          type: 'video',
          media_url_https: 'https://pbs.twimg.com/thumb.jpg',
          video_info: { variants: [{ content_type: 'video/mp4', bitrate: 256000, url: 'https://video.twimg.com/low.mp4' }, { content_type: 'video/mp4', bitrate: 2176000, url: 'https://video.twimg.com/high.mp4' }, { content_type: 'application/x-mpegURL', url: 'https://video.twimg.com/pl.m3u8' }] },
        },
      ],
    };
    expect(parse(body)[0]!.attachments).toEqual([
      { type: 'image', url: 'https://pbs.twimg.com/media/a.jpg', mediaId: '11' },
      { type: 'video', url: 'https://video.twimg.com/high.mp4', mediaId: '12' },
    ]);
  });
});

describe('xAdapter parse: hostile bodies', () => {
  it.each([
    ['not JSON', 'for_user_id=1'],
    ['a JSON array', '[]'],
    ['a JSON string', '"tweet"'],
    ['an object that is no Account Activity delivery', '{"hello":"world"}'],
    ['tweet_create_events that is not an array', '{"for_user_id":"1","tweet_create_events":{"0":{}}}'],
    ['direct_message_events that is a string', '{"for_user_id":"1","direct_message_events":"x"}'],
    ['a numeric for_user_id', '{"for_user_id":1402345678901234567,"tweet_create_events":[]}'],
    ['users that is an array', '{"for_user_id":"1","direct_message_events":[],"users":[]}'],
    ['deeply nested JSON', deeplyNested(100_000)],
  ])('throws WebhookParseError for %s', (_, body) => {
    expect(() => parse(body)).toThrow(WebhookParseError);
  });

  it('skips items of the wrong shape without throwing', () => {
    const junk = [null, 1, 'x', [], {}, { id_str: 5 }, { id_str: '1', user: 'me' }, { id_str: '1', user: { id_str: [] } }, { id_str: '1; DROP', user: { id_str: '2' } }];
    expect(
      parse({
        for_user_id: OWN,
        tweet_create_events: junk,
        tweet_delete_events: [...junk, { status: { id: 1801234567890123456 } }],
        direct_message_events: [...junk, { type: 'message_create', id: '9', message_create: 'x' }, { type: 'message_create', id: '9', message_create: { sender_id: OWN } }],
      }),
    ).toEqual([]);
  });

  it('survives wrong types inside a valid tweet, falling back sensibly', () => {
    const events = parse({
      for_user_id: OWN,
      tweet_create_events: [
        { id_str: '7', user: { id_str: '8', name: 42, followers_count: -1 }, text: { a: 1 }, display_text_range: ['a', 9], timestamp_ms: '9'.repeat(30), extended_tweet: [] , entities: { media: 'x' } },
      ],
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ externalId: '7', author: { id: '8' }, text: '', attachments: [], kind: 'mention' });
    expect(Number.isNaN(Date.parse(events[0]!.occurredAt))).toBe(false);
  });

  it('handles a huge batch of junk items', () => {
    const body = JSON.stringify({ for_user_id: OWN, tweet_create_events: new Array(50_000).fill({ id_str: 'x' }) });
    expect(parse(body)).toEqual([]);
  });

  it('reads a DM whose users map lacks the sender as an author with the id only', () => {
    const [event] = parse({ for_user_id: OWN, direct_message_events: [{ type: 'message_create', id: '42', created_timestamp: '1718007000123', message_create: { sender_id: '77', target: { recipient_id: OWN }, message_data: { text: 'hi' } } }] });
    expect(event).toMatchObject({ author: { id: '77' }, threadKey: 'dm:77', text: 'hi', replyRef: { dmConversationId: `77-${OWN}` } });
  });
});
