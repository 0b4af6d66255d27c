import { NetworkError, type HttpExecutor } from '../../types/channel-adapter';
import type { NormalizedEvent } from '../../types/normalized-event';
import type { HttpRequest, HttpResponse } from '../../types/outbound';
import { instagramAdapter } from './instagram.adapter';
import { GRAPH, INSTAGRAM_CONFIG, delivery, directMessage, fixtureDelivery, graphResponse, replyContext, type OwnFields } from './meta-delivery.testing';

const IG = '17841400123456789';
const IGSID = '1234567890123456';
const ROOT = '18012345678901234';
const MID_TEXT = 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMTIzNDU2Nzg5OjM0MDI4MjM2Njg0MTcxMDMwMDk0OTEyODE0NjQ2NzU0NTYwNzQ1NjozMTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwAZDZD';
const MID_IMAGE = 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwMTIzNDU2Nzg5OjM0MDI4MjM2Njg0MTcxMDMwMDk0OTEyODE0NjQ2NzU0NTYwNzQ1NjozMTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwOTkZD';
const MENTION = '17866554433221100';
const MENTION_MEDIA = '17877665544332211';

const parse = (file: string) => instagramAdapter.parse(fixtureDelivery('instagram', file), INSTAGRAM_CONFIG);
const parseBody = (entry: Record<string, unknown>) => instagramAdapter.parse(delivery({ object: 'instagram', entry: [{ id: IG, ...entry }] }), INSTAGRAM_CONFIG);

/** The exact event of a comment on our media: what every comment shares, then its own fields. */
function igComment(own: OwnFields & Pick<NormalizedEvent, 'author'>, mediaId: string, root = own.externalId): NormalizedEvent {
  const reply = root !== own.externalId ? { parentExternalId: root } : {};
  return { op: 'create', kind: 'comment', threadKey: root, attachments: [], isEcho: false, replyRef: { commentId: own.externalId, rootCommentId: root, mediaId }, ...reply, ...own };
}

const COMMENT_CASES: Array<[string, string, NormalizedEvent]> = [
  [
    'comment_add.json',
    'a top-level comment roots its thread; time is the entry time in seconds',
    igComment(
      { externalId: ROOT, author: { id: '17845011223344556', username: 'giulia.rossi.92' }, text: 'Bellissimo! 😍 Dove si trova esattamente?', occurredAt: '2024-06-10T09:00:00.000Z' },
      '17999887766554433',
    ),
  ],
  [
    'comment_reply.json',
    'a reply joins the thread of its parent',
    igComment(
      {
        externalId: '18012345678905678',
        author: { id: '17845099887766554', username: 'mark.travels' },
        text: "@giulia.rossi.92 it's in Trastevere, near the river 🇮🇹",
        occurredAt: '2024-06-10T09:08:20.000Z',
      },
      '17999887766554433',
      ROOT,
    ),
  ],
  [
    'comment_reel.json',
    'a comment on a Reel',
    igComment(
      { externalId: '18012345678909999', author: { id: '17845055544433322', username: 'chef_luca' }, text: 'Ricetta della carbonara please!! 🥚🧀🥓', occurredAt: '2024-06-10T09:16:40.000Z' },
      '18055544433322211',
    ),
  ],
];

describe('instagramAdapter.parse: comments', () => {
  it.each(COMMENT_CASES)('%s: %s', (file, _what, expected) => {
    expect(parse(file)).toEqual([expected]);
  });

  it('our own comment is an echo; live_comments count as comments; other fields are ignored', () => {
    const value = { from: { id: IG, username: 'dagino.trattoria' }, media: { id: 'm1' }, id: 'c2', parent_id: ROOT, text: 'Grazie!' };
    expect(parseBody({ time: 1718010000, changes: [{ field: 'comments', value }] })[0]).toMatchObject({ isEcho: true, threadKey: ROOT, parentExternalId: ROOT });
    expect(parseBody({ time: 1718010000, changes: [{ field: 'live_comments', value: { ...value, from: { id: '5' }, parent_id: undefined } }] })[0]).toMatchObject({
      kind: 'comment',
      threadKey: 'c2',
      isEcho: false,
    });
    expect(parseBody({ time: 1718010000, changes: [{ field: 'story_insights', value: { media_id: '1' } }, { field: 'comments', value: { text: 'no id' } }] })).toEqual([]);
  });
});

describe('instagramAdapter.parse: mentions', () => {
  it('mention_in_comment.json: a mention to be enriched, keyed by the comment id', () => {
    expect(parse('mention_in_comment.json')).toEqual<NormalizedEvent[]>([
      {
        op: 'create',
        kind: 'mention',
        externalId: MENTION,
        threadKey: MENTION,
        author: { id: 'unknown' },
        text: '',
        attachments: [],
        occurredAt: '2024-06-10T09:25:00.000Z',
        isEcho: false,
        replyRef: { commentId: MENTION, mediaId: MENTION_MEDIA },
        needsEnrichment: true,
      },
    ]);
  });

  it('a caption mention (media only) is keyed by the media id', () => {
    expect(parseBody({ time: 1718011500, changes: [{ field: 'mentions', value: { media_id: MENTION_MEDIA } }] })[0]).toMatchObject({
      kind: 'mention',
      externalId: MENTION_MEDIA,
      replyRef: { mediaId: MENTION_MEDIA },
      needsEnrichment: true,
    });
    expect(parseBody({ time: 1718011500, changes: [{ field: 'mentions', value: {} }] })).toEqual([]);
  });
});

const DM_CASES: Array<[string, string, NormalizedEvent]> = [
  ['dm_text.json', 'a DM in the customer thread, time in milliseconds', directMessage(IGSID, { externalId: MID_TEXT, text: 'Hi! Do you have gluten-free pasta? 🌾🚫', occurredAt: '2024-06-10T09:33:20.123Z' })],
  [
    'dm_image.json',
    'an image attachment, no text',
    directMessage(IGSID, {
      externalId: MID_IMAGE,
      text: '',
      attachments: [
        {
          type: 'image',
          url: 'https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=18123456789012345&signature=AbzQx1yW2vU3tS4rQ5pO6nM7lK8jI9hG0fE1dC2bA3zY4xW5vU6tS7rQ8pO9nM0lK1jI2hG3fE4dC5bA6',
        },
      ],
      occurredAt: '2024-06-10T09:35:00.456Z',
    }),
  ],
  ['dm_unsend.json', 'a delete of the image message', directMessage(IGSID, { op: 'delete', externalId: MID_IMAGE, text: '', occurredAt: '2024-06-10T09:36:39.999Z' })],
];

describe('instagramAdapter.parse: direct messages', () => {
  it.each(DM_CASES)('%s: %s', (file, _what, expected) => {
    expect(parse(file)).toEqual([expected]);
  });

  const dm = (item: Record<string, unknown>) =>
    parseBody({ time: 1718012000456, messaging: [{ sender: { id: IGSID }, recipient: { id: IG }, timestamp: 1718012000123, ...item }] });

  it('edits, echoes, quoted replies, story replies and unsupported content', () => {
    expect(dm({ message_edit: { mid: MID_TEXT, text: 'Hi! gluten-free?', num_edit: 1 } })[0]).toMatchObject({ op: 'edit', externalId: MID_TEXT, text: 'Hi! gluten-free?' });
    const echo = parseBody({ messaging: [{ sender: { id: IG }, recipient: { id: IGSID }, timestamp: 1718012000123, message: { mid: 'm_e', text: 'Yes!', is_echo: true } }] });
    expect(echo[0]).toMatchObject({ isEcho: true, author: { id: IG }, counterpart: { id: IGSID }, threadKey: `dm:${IGSID}` });
    expect(dm({ message: { mid: 'm_r', text: 'this one', reply_to: { mid: MID_TEXT } } })[0]).toMatchObject({ parentExternalId: MID_TEXT });
    const story = dm({ message: { mid: 'm_s', text: '😍', reply_to: { story: { id: 's1', url: 'https://cdn.example/story.mp4' } } } })[0]!;
    expect(story).toMatchObject({ context: { url: 'https://cdn.example/story.mp4' } });
    expect(story.parentExternalId).toBeUndefined();
    expect(dm({ message: { mid: 'm_u', is_unsupported: true } })[0]).toMatchObject({ text: '', attachments: [{ type: 'unsupported' }] });
    expect(dm({ read: { mid: MID_TEXT } })).toEqual([]);
    expect(dm({ reaction: { mid: MID_TEXT, action: 'react', reaction: 'love' } })).toEqual([]);
  });

  it('reads a DM delivered as a `messages` change (the dashboard test shape)', () => {
    const value = { sender: { id: IGSID }, recipient: { id: IG }, timestamp: '1718012000123', message: { mid: 'm_c', text: 'test' } };
    expect(parseBody({ time: 1718012000, changes: [{ field: 'messages', value }] })[0]).toMatchObject({ kind: 'message', externalId: 'm_c', threadKey: `dm:${IGSID}` });
  });
});

describe('instagramAdapter.enrich', () => {
  const mention = () => parse('mention_in_comment.json')[0]!;
  function fakeGraph(res: HttpResponse | Error): { http: HttpExecutor; calls: HttpRequest[] } {
    const calls: HttpRequest[] = [];
    const http: HttpExecutor = async (req) => {
      calls.push(req);
      if (res instanceof Error) throw res;
      return res;
    };
    return { http, calls };
  }

  it('fetches the mentioning comment through our account and fills text, author and time', async () => {
    const { http, calls } = fakeGraph(
      graphResponse(200, {
        mentioned_comment: { text: '@dagino.trattoria la cena era spettacolare 🍝\u0000', username: 'sara.viaggia', timestamp: '2024-06-10T12:30:05+0000', id: MENTION },
        id: IG,
      }),
    );
    const enriched = await instagramAdapter.enrich!(mention(), INSTAGRAM_CONFIG, http);
    expect(calls).toEqual([
      {
        method: 'GET',
        url: `${GRAPH}/${IG}?fields=mentioned_comment.comment_id(${MENTION}){text,username,timestamp,from}`,
        headers: { authorization: 'Bearer IGQ-token' },
      },
    ]);
    expect(enriched).toEqual<NormalizedEvent>({
      op: 'create',
      kind: 'mention',
      externalId: MENTION,
      threadKey: MENTION,
      author: { id: 'sara.viaggia', username: 'sara.viaggia' },
      text: '@dagino.trattoria la cena era spettacolare 🍝',
      attachments: [],
      occurredAt: '2024-06-10T12:30:05.000Z',
      isEcho: false,
      replyRef: { commentId: MENTION, mediaId: MENTION_MEDIA },
    });
  });

  it("prefers the author's id from `from`", async () => {
    const body = { mentioned_comment: { text: 'hi', from: { id: '17845000000000001', username: 'sara.viaggia' }, id: MENTION }, id: IG };
    expect((await instagramAdapter.enrich!(mention(), INSTAGRAM_CONFIG, fakeGraph(graphResponse(200, body)).http)).author).toEqual({
      id: '17845000000000001',
      username: 'sara.viaggia',
    });
  });

  it('fetches a caption mention as mentioned_media', async () => {
    const [event] = parseBody({ time: 1718011500, changes: [{ field: 'mentions', value: { media_id: MENTION_MEDIA } }] });
    const body = { mentioned_media: { caption: 'Serata perfetta @dagino.trattoria', username: 'sara.viaggia', timestamp: '2024-06-10T20:00:00+0000', permalink: 'https://www.instagram.com/p/X/', id: MENTION_MEDIA }, id: IG };
    const { http, calls } = fakeGraph(graphResponse(200, body));
    const enriched = await instagramAdapter.enrich!(event!, INSTAGRAM_CONFIG, http);
    expect(calls[0]!.url).toBe(`${GRAPH}/${IG}?fields=mentioned_media.media_id(${MENTION_MEDIA}){caption,username,timestamp,permalink}`);
    expect(enriched).toMatchObject({ text: 'Serata perfetta @dagino.trattoria', context: { url: 'https://www.instagram.com/p/X/' }, occurredAt: '2024-06-10T20:00:00.000Z' });
    expect(enriched.needsEnrichment).toBeUndefined();
  });

  it('throws on a failure worth retrying, so the delivery is processed again', async () => {
    await expect(instagramAdapter.enrich!(mention(), INSTAGRAM_CONFIG, fakeGraph(graphResponse(500, { error: { message: 'oops', code: 2 } })).http)).rejects.toThrow(/oops/);
    await expect(instagramAdapter.enrich!(mention(), INSTAGRAM_CONFIG, fakeGraph(graphResponse(400, { error: { message: 'limit', code: 80002 } })).http)).rejects.toThrow(/limit/);
    await expect(instagramAdapter.enrich!(mention(), INSTAGRAM_CONFIG, fakeGraph(new NetworkError('timeout')).http)).rejects.toThrow(NetworkError);
  });

  it('keeps the mention as it is on a permanent error or an unexpected answer', async () => {
    const gone = graphResponse(400, { error: { message: '(#100) comment does not exist', code: 100 } });
    expect(await instagramAdapter.enrich!(mention(), INSTAGRAM_CONFIG, fakeGraph(gone).http)).toEqual(mention());
    expect(await instagramAdapter.enrich!(mention(), INSTAGRAM_CONFIG, fakeGraph(graphResponse(200, 'nope')).http)).toEqual(mention());
  });

  it('leaves events that need nothing alone, without calling Graph', async () => {
    const { http, calls } = fakeGraph(graphResponse(200, {}));
    const comment = parse('comment_add.json')[0]!;
    expect(await instagramAdapter.enrich!(comment, INSTAGRAM_CONFIG, http)).toBe(comment);
    expect(await instagramAdapter.enrich!(mention(), { ...INSTAGRAM_CONFIG, igUserId: undefined }, http)).toEqual(mention());
    expect(calls).toEqual([]);
  });
});

describe('instagramAdapter.buildReply', () => {
  const headers = { 'content-type': 'application/json', authorization: 'Bearer IGQ-token' };

  it('replies to a comment under its root comment', () => {
    const ctx = replyContext('instagram', INSTAGRAM_CONFIG, { kind: 'comment', threadKey: ROOT }, { externalId: '18012345678905678', replyRef: { commentId: '18012345678905678', rootCommentId: ROOT } });
    expect(instagramAdapter.buildReply(ctx)).toEqual({ method: 'POST', url: `${GRAPH}/${ROOT}/replies`, headers, body: JSON.stringify({ message: 'Grazie, a presto!' }) });
  });

  it('answers a mention through our account, naming the comment and its media', () => {
    const ctx = replyContext('instagram', INSTAGRAM_CONFIG, { kind: 'mention', threadKey: MENTION }, { externalId: MENTION, replyRef: { commentId: MENTION, mediaId: MENTION_MEDIA } });
    expect(instagramAdapter.buildReply(ctx)).toEqual({
      method: 'POST',
      url: `${GRAPH}/${IG}/mentions`,
      headers,
      body: JSON.stringify({ comment_id: MENTION, media_id: MENTION_MEDIA, message: 'Grazie, a presto!' }),
    });
    const caption = replyContext('instagram', INSTAGRAM_CONFIG, { kind: 'mention', threadKey: MENTION_MEDIA }, { externalId: MENTION_MEDIA, replyRef: { mediaId: MENTION_MEDIA } });
    expect(JSON.parse(instagramAdapter.buildReply(caption).body!)).toEqual({ media_id: MENTION_MEDIA, message: 'Grazie, a presto!' });
    expect(() => instagramAdapter.buildReply(replyContext('instagram', INSTAGRAM_CONFIG, { kind: 'mention', threadKey: 'x' }, null))).toThrow();
  });

  it('sends a DM to the IGSID through our account', () => {
    const ctx = replyContext('instagram', INSTAGRAM_CONFIG, { kind: 'message', threadKey: `dm:${IGSID}` }, { externalId: MID_TEXT, replyRef: { recipientId: IGSID, mid: MID_TEXT } });
    expect(instagramAdapter.buildReply(ctx)).toEqual({
      method: 'POST',
      url: `${GRAPH}/${IG}/messages`,
      headers,
      body: JSON.stringify({ recipient: { id: IGSID }, message: { text: 'Grazie, a presto!' } }),
    });
  });
});

describe('instagramAdapter.readReply', () => {
  const ctx = replyContext('instagram', INSTAGRAM_CONFIG, { kind: 'message', threadKey: `dm:${IGSID}` }, null);

  it('reads ids, the 24 h window error, rate limits and 5xx', () => {
    expect(instagramAdapter.readReply(graphResponse(200, { id: '17900000000000001' }), ctx)).toEqual({ outcome: 'sent', externalId: '17900000000000001' });
    expect(instagramAdapter.readReply(graphResponse(200, { recipient_id: IGSID, message_id: 'aWdf_new' }), ctx)).toEqual({ outcome: 'sent', externalId: 'aWdf_new' });
    const window = { error: { message: 'This message is sent outside of allowed window.', type: 'IGApiException', code: 10, error_subcode: 2534022 } };
    expect(instagramAdapter.readReply(graphResponse(400, window), ctx)).toEqual({
      outcome: 'failed',
      error: '400: This message is sent outside of allowed window. (code 10, subcode 2534022)',
    });
    expect(instagramAdapter.readReply(graphResponse(400, { error: { message: 'Calls to this api have exceeded the rate limit.', code: 4 } }), ctx)).toMatchObject({ outcome: 'retry' });
    expect(instagramAdapter.readReply(graphResponse(429, {}, { 'retry-after': '60' }), ctx)).toMatchObject({ outcome: 'retry', retryAfterSeconds: 60 });
    expect(instagramAdapter.readReply(graphResponse(500, { error: { message: 'Service temporarily unavailable', code: 2, is_transient: true } }), ctx)).toMatchObject({ outcome: 'retry' });
  });
});
