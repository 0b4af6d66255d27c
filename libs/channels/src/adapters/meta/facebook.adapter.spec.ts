import type { NormalizedEvent } from '../../types/normalized-event';
import { facebookAdapter } from './facebook.adapter';
import { FACEBOOK_CONFIG, GRAPH, delivery, directMessage, fixtureDelivery, graphResponse, replyContext, type OwnFields } from './meta-delivery.testing';

const PAGE = '104857600123456';
const POST = '104857600123456_987654321098765';
const GIULIA_COMMENT = '987654321098765_1122334455667788';
const MARK_REPLY = '987654321098765_1122334455669999';
const PERMALINK = 'https://www.facebook.com/104857600123456/posts/pfbid02Xq7kGmT9vLwZc3RrN1aYpB8sDfHj6uE4oKi2LtMnQ5WvXyZbCd9eF1gH3jK4lM';
const PSID = '24681357924681357';
const MID_TEXT = 'm_Xk9sT3vQ7bN2pL5mR8wZ1cF4hJ6dG0aE3yU7iO9kP2sV5xB8nM1qW4eR7tY0uI3oP6aS9dF2gH5jK8lZ1xC4vB7nM0qW3eR6tY9uI2oP5aS8dF1gH4jK7lZ0xC3';
const MID_ECHO = 'm_Rt5yU8iO1pA4sD7fG0hJ3kL6zX9cV2bN5mQ8wE1rT4yU7iO0pA3sD6fG9hJ2kL5zX8cV1bN4mQ7wE0rT3yU6iO9pA2sD5fG8hJ1kL4zX7cV0bN3mQ6wE9rT2yU5';

const feed = (file: string) => facebookAdapter.parse(fixtureDelivery('facebook_page', file), FACEBOOK_CONFIG);
const messenger = (file: string) => facebookAdapter.parse(fixtureDelivery('messenger', file), FACEBOOK_CONFIG);
const rootComment = (id: string, root = id) => ({ commentId: id, rootCommentId: root, postId: POST });

const GIULIA = { id: '6789012345678901', name: 'Giulia Rossi' };
const MARK = { id: '7123456789012345', name: 'Mark Thompson' };
const PHOTO = 'https://scontent-mxp1-1.xx.fbcdn.net/v/t39.30808-6/448812345_122150123456789012_1234567890123456789_n.jpg?_nc_cat=111&ccb=1-7&_nc_sid=5f2048&oh=00_AYC1a2b3c4d5e6f7&oe=66700000';

/** The exact event of a feed comment: what every comment of the fixtures shares, then its own fields. */
function comment(own: OwnFields & Pick<NormalizedEvent, 'author'>, root = own.externalId): NormalizedEvent {
  const reply = root !== own.externalId ? { parentExternalId: root } : {};
  return { op: 'create', kind: 'comment', threadKey: root, attachments: [], isEcho: false, context: { url: PERMALINK }, replyRef: rootComment(own.externalId, root), ...reply, ...own };
}

const FEED_CASES: Array<[string, string, NormalizedEvent]> = [
  [
    'comment_add.json',
    'a top-level comment roots its own thread',
    comment({ externalId: GIULIA_COMMENT, author: GIULIA, text: 'Che meraviglia! 😍 Siete aperti anche a Ferragosto?', occurredAt: '2024-06-10T06:13:20.000Z' }),
  ],
  [
    'comment_reply_add.json',
    'a reply joins the thread of its root comment',
    comment({ externalId: MARK_REPLY, author: MARK, text: 'Same question here 🙋‍♂️ also, do you take reservations for 8 people?', occurredAt: '2024-06-10T06:28:30.000Z' }, GIULIA_COMMENT),
  ],
  [
    'comment_add_photo.json',
    'the photo is an image attachment',
    comment({
      externalId: '987654321098765_1122334455670001',
      author: { id: '6543210987654321', name: 'Francesca Esposito' },
      text: "Ecco lo scontrino, c'è un errore nel conto 🤔",
      attachments: [{ type: 'image', url: PHOTO }],
      occurredAt: '2024-06-10T06:38:20.000Z',
    }),
  ],
  [
    'comment_edited.json',
    'an edit of the same comment id, at the edit time',
    comment({ op: 'edit', externalId: GIULIA_COMMENT, author: GIULIA, text: 'Che meraviglia! 😍 Siete aperti anche a Ferragosto? (e a pranzo?)', occurredAt: '2024-06-10T06:50:08.000Z' }),
  ],
  [
    'comment_remove.json',
    'a delete of the reply, with no text (the payload has no post object)',
    comment({ op: 'delete', externalId: MARK_REPLY, author: MARK, text: '', occurredAt: '2024-06-10T07:05:04.000Z', context: undefined }, GIULIA_COMMENT),
  ],
  [
    'comment_by_page_echo.json',
    "the page's own reply is an echo in Giulia's thread",
    comment({ externalId: '987654321098765_1122334455670555', author: { id: PAGE, name: 'Trattoria Da Gino' }, text: 'Ciao Giulia! Sì, siamo aperti tutto agosto ☀️', occurredAt: '2024-06-10T07:20:00.000Z', isEcho: true }, GIULIA_COMMENT),
  ],
  [
    'batched_reaction_and_comment.json',
    'the reaction is ignored, the comment of the second entry kept',
    comment({ externalId: '987654321098765_1122334455671234', author: { id: '8899001122334455', name: 'Sofia Marino' }, text: 'Prenotato per stasera 🍕🍷 grazie!', occurredAt: '2024-06-10T07:36:39.000Z' }),
  ],
];

describe('facebookAdapter.parse: Page feed comments', () => {
  it.each(FEED_CASES)('%s: %s', (file, _what, expected) => {
    expect(feed(file)).toEqual([expected]);
  });

  const change = (value: Record<string, unknown>, entryId = PAGE) =>
    facebookAdapter.parse(delivery({ object: 'page', entry: [{ id: entryId, time: 1718000000, changes: [{ field: 'feed', value }] }] }), FACEBOOK_CONFIG);
  const comment = { item: 'comment', post_id: POST, comment_id: GIULIA_COMMENT, parent_id: POST, created_time: 1718000000, message: 'ciao' };

  it('accepts `edit` for `edited`, ignores hide/unhide, unknown verbs and other items', () => {
    expect(change({ ...comment, verb: 'edit' })).toEqual([expect.objectContaining({ op: 'edit', externalId: GIULIA_COMMENT })]);
    for (const verb of ['hide', 'unhide', 'block', undefined]) expect(change({ ...comment, verb })).toEqual([]);
    for (const item of ['reaction', 'post', 'status', 'share', 'like']) expect(change({ ...comment, item, verb: 'add' })).toEqual([]);
    expect(change({ ...comment, verb: 'add', comment_id: undefined })).toEqual([]);
  });

  it('reads legacy sender_id/sender_name, and names nobody when the author is withheld', () => {
    expect(change({ ...comment, verb: 'add', sender_id: '555', sender_name: 'Old Style' })[0]!.author).toEqual({ id: '555', name: 'Old Style' });
    expect(change({ ...comment, verb: 'add', sender_id: PAGE, sender_name: 'Trattoria' })[0]!.isEcho).toBe(true);
    expect(change({ ...comment, verb: 'add' })[0]).toMatchObject({ author: { id: 'unknown' }, isEcho: false });
  });

  it('tells a post parent from a comment parent without post_id, and falls back to the entry time', () => {
    const [top] = change({ item: 'comment', verb: 'add', comment_id: 'c_1', parent_id: `${PAGE}_42`, from: { id: '9' } });
    expect(top).toMatchObject({ threadKey: 'c_1', occurredAt: '2024-06-10T06:13:20.000Z' });
    expect(top!.parentExternalId).toBeUndefined();
    const [reply] = change({ item: 'comment', verb: 'add', comment_id: 'c_2', parent_id: 'c_1', from: { id: '9' }, created_time: '2024-06-10T12:30:05+0000' });
    expect(reply).toMatchObject({ threadKey: 'c_1', parentExternalId: 'c_1', occurredAt: '2024-06-10T12:30:05.000Z' });
  });

  it('strips NUL characters from text and names, and attaches a video', () => {
    const [event] = change({ ...comment, verb: 'add', message: 'a\u0000b', from: { id: '9', name: 'N\u0000ame' }, video: 'https://video.example/v.mp4' });
    expect(event).toMatchObject({ text: 'ab', author: { id: '9', name: 'Name' }, attachments: [{ type: 'video', url: 'https://video.example/v.mp4' }] });
  });
});

const FILE_URL = 'https://cdn.fbsbx.com/v/t59.2708-21/448999888_777666555444333_1112223334445556667_n.pdf/menu_allergeni.pdf?_nc_cat=100&ccb=1-7&oh=03_Q7cD1QHmZ9Y8X7&oe=66905678';
const IMAGE_URL = 'https://scontent.xx.fbcdn.net/v/t1.15752-9/448123456_1234567890123456_987654321098765432_n.jpg?_nc_cat=104&ccb=1-7&_nc_sid=fc17b8&oh=03_Q7cD1QHmA2B3C4D5&oe=66901234';

const MESSENGER_CASES: Array<[string, string, NormalizedEvent]> = [
  [
    'message_text.json',
    'a DM in the customer thread, time in milliseconds',
    directMessage(PSID, { externalId: MID_TEXT, text: 'Ciao! Vorrei prenotare un tavolo per 4 persone sabato sera 🍝', occurredAt: '2024-06-10T07:13:19.876Z' }),
  ],
  [
    'message_attachments.json',
    'image and file, no text',
    directMessage(PSID, {
      externalId: 'm_Pq2wE5rT8yU1iO4pA7sD0fG3hJ6kL9zX2cV5bN8mQ1wE4rT7yU0iO3pA6sD9fG2hJ5kL8zX1cV4bN7mQ0wE3rT6yU9iO2pA5sD8fG1hJ4kL7zX0cV3bN6mQ9wE2',
      text: '',
      attachments: [
        { type: 'image', url: IMAGE_URL },
        { type: 'file', url: FILE_URL },
      ],
      occurredAt: '2024-06-10T07:15:00.101Z',
    }),
  ],
  [
    'message_reply_to.json',
    'the quoted message is the parent',
    directMessage(PSID, {
      externalId: 'm_Zx1cV4bN7mQ0wE3rT6yU9iO2pA5sD8fG1hJ4kL7zX0cV3bN6mQ9wE2rT5yU8iO1pA4sD7fG0hJ3kL6zX9cV2bN5mQ8wE1rT4yU7iO0pA3sD6fG9hJ2kL5zX8cV1',
      parentExternalId: MID_ECHO,
      text: 'Perfetto, confermo per le 20:30 👍 Is there parking nearby?',
      occurredAt: '2024-06-10T07:16:40.333Z',
    }),
  ],
  [
    'message_edit.json',
    'an edit of message_text, same mid',
    directMessage(PSID, { op: 'edit', externalId: MID_TEXT, text: 'Ciao! Vorrei prenotare un tavolo per 5 persone sabato sera 🍝', occurredAt: '2024-06-10T07:18:20.555Z' }),
  ],
  [
    'message_echo.json',
    'our own send comes back as an echo in the customer thread',
    directMessage(PSID, {
      externalId: MID_ECHO,
      author: { id: PAGE },
      counterpart: { id: PSID },
      isEcho: true,
      text: 'Certo! Abbiamo un tavolo libero alle 20:30, va bene?',
      occurredAt: '2024-06-10T07:20:00.111Z',
    }),
  ],
];

describe('facebookAdapter.parse: Messenger', () => {
  it.each(MESSENGER_CASES)('%s: %s', (file, _what, expected) => {
    expect(messenger(file)).toEqual([expected]);
  });

  it('an echo sent by another app (Page inbox, a chatbot) is still the business writing', () => {
    const other = { ...FACEBOOK_CONFIG, appId: '999' };
    expect(facebookAdapter.parse(fixtureDelivery('messenger', 'message_echo.json'), other)[0]).toMatchObject({ isEcho: true, counterpart: { id: PSID } });
  });

  const item = (value: Record<string, unknown>) =>
    facebookAdapter.parse(
      delivery({ object: 'page', entry: [{ id: PAGE, time: 1718003600123, messaging: [{ sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 1718003600000, ...value }] }] }),
      FACEBOOK_CONFIG,
    );

  it('ignores reads, deliveries, reactions and postbacks', () => {
    expect(item({ read: { watermark: 1718003600000 } })).toEqual([]);
    expect(item({ delivery: { mids: [MID_TEXT], watermark: 1718003600000 } })).toEqual([]);
    expect(item({ reaction: { mid: MID_TEXT, action: 'react', emoji: '❤' } })).toEqual([]);
    expect(item({ postback: { title: 'Start', payload: 'GET_STARTED' } })).toEqual([]);
    expect(item({ message: { text: 'no mid' } })).toEqual([]);
  });

  it('keeps stickers, locations and titled attachments recognisable', () => {
    const [event] = item({
      message: {
        mid: 'm_1',
        attachments: [
          { type: 'image', payload: { url: 'https://s.example/sticker.png', sticker_id: 369239263222822 } },
          { type: 'location', payload: { coordinates: { lat: 41.89, long: 12.47 } }, title: 'Pinned' },
          { type: 'fallback', payload: { url: 'https://link.example', title: 'A link' } },
        ],
      },
    });
    expect(event!.attachments).toEqual([
      { type: 'sticker', url: 'https://s.example/sticker.png' },
      { type: 'location', url: 'https://maps.google.com/?q=41.89,12.47', name: 'Pinned' },
      { type: 'fallback', url: 'https://link.example', name: 'A link' },
    ]);
  });

  it('reads messages delivered on standby (another app holds the thread)', () => {
    const standby = [{ sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 1718003600000, message: { mid: 'm_sb', text: 'ci sei?' } }];
    const events = facebookAdapter.parse(delivery({ object: 'page', entry: [{ id: PAGE, time: 1718003600123, standby }] }), FACEBOOK_CONFIG);
    expect(events).toEqual([directMessage(PSID, { externalId: 'm_sb', text: 'ci sei?', occurredAt: '2024-06-10T07:13:20.000Z' })]);
  });

  it('parses feed changes and messaging of one delivery together', () => {
    const body = {
      object: 'page',
      entry: [
        { id: PAGE, time: 1718000000, changes: [{ field: 'feed', value: { item: 'comment', verb: 'add', comment_id: 'c_9', post_id: POST, parent_id: POST, from: { id: '1' }, message: 'x' } }] },
        { id: PAGE, time: 1718003600123, messaging: [{ sender: { id: PSID }, recipient: { id: PAGE }, timestamp: 1718003600000, message: { mid: 'm_9', text: 'y' } }] },
      ],
    };
    expect(facebookAdapter.parse(delivery(body), FACEBOOK_CONFIG).map((e) => [e.kind, e.externalId])).toEqual([
      ['comment', 'c_9'],
      ['message', 'm_9'],
    ]);
  });
});

describe('facebookAdapter.buildReply', () => {
  it('answers a comment thread under its root comment, with the page token', () => {
    const ctx = replyContext('facebook', FACEBOOK_CONFIG, { kind: 'comment', threadKey: GIULIA_COMMENT }, { externalId: MARK_REPLY, replyRef: rootComment(MARK_REPLY, GIULIA_COMMENT) });
    expect(facebookAdapter.buildReply(ctx)).toEqual({
      method: 'POST',
      url: `${GRAPH}/${GIULIA_COMMENT}/comments`,
      headers: { 'content-type': 'application/json', authorization: 'Bearer EAAB-page-token' },
      body: JSON.stringify({ message: 'Grazie, a presto!' }),
    });
  });

  it('falls back to the thread key, then the answered comment, for the root', () => {
    const noRef = replyContext('facebook', FACEBOOK_CONFIG, { kind: 'comment', threadKey: GIULIA_COMMENT }, { externalId: MARK_REPLY });
    expect(facebookAdapter.buildReply(noRef).url).toBe(`${GRAPH}/${GIULIA_COMMENT}/comments`);
    const rootKeyed = replyContext('facebook', FACEBOOK_CONFIG, { kind: 'comment', threadKey: `root:${MARK_REPLY}` }, { externalId: MARK_REPLY });
    expect(facebookAdapter.buildReply(rootKeyed).url).toBe(`${GRAPH}/${MARK_REPLY}/comments`);
    expect(() => facebookAdapter.buildReply(replyContext('facebook', FACEBOOK_CONFIG, { kind: 'comment', threadKey: 'root:x' }, null))).toThrow();
  });

  it('answers a Messenger thread with a RESPONSE to the PSID through the page', () => {
    const ctx = replyContext('facebook', { ...FACEBOOK_CONFIG, apiBaseUrl: `${GRAPH}/` }, { kind: 'message', threadKey: `dm:${PSID}` }, { externalId: MID_TEXT, replyRef: { recipientId: PSID, mid: MID_TEXT } });
    const req = facebookAdapter.buildReply(ctx);
    expect(req).toMatchObject({ method: 'POST', url: `${GRAPH}/${PAGE}/messages`, headers: { 'content-type': 'application/json', authorization: 'Bearer EAAB-page-token' } });
    expect(JSON.parse(req.body!)).toEqual({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text: 'Grazie, a presto!' } });
    // With nothing answered yet (the desk writes first) the thread key names the customer.
    const fresh = facebookAdapter.buildReply(replyContext('facebook', FACEBOOK_CONFIG, { kind: 'message', threadKey: `dm:${PSID}` }, null));
    expect(JSON.parse(fresh.body!).recipient).toEqual({ id: PSID });
  });

  it('refuses to send without a page id', () => {
    const ctx = replyContext('facebook', { ...FACEBOOK_CONFIG, pageId: undefined }, { kind: 'message', threadKey: `dm:${PSID}` }, null);
    expect(() => facebookAdapter.buildReply(ctx)).toThrow(/pageId/);
  });
});

describe('facebookAdapter.readReply', () => {
  const ctx = replyContext('facebook', FACEBOOK_CONFIG, { kind: 'message', threadKey: `dm:${PSID}` }, null);

  it('takes the new id from a comment or a Send API answer', () => {
    expect(facebookAdapter.readReply(graphResponse(200, { id: '987654321098765_1122334455670555' }), ctx)).toEqual({ outcome: 'sent', externalId: '987654321098765_1122334455670555' });
    expect(facebookAdapter.readReply(graphResponse(200, { recipient_id: PSID, message_id: MID_ECHO }), ctx)).toEqual({ outcome: 'sent', externalId: MID_ECHO });
  });

  it("fails for good on the 24 h window error, showing Meta's message and codes", () => {
    const error = { error: { message: '(#10) This message is sent outside of allowed window.', type: 'OAuthException', code: 10, error_subcode: 2018278, fbtrace_id: 'A1' } };
    expect(facebookAdapter.readReply(graphResponse(400, error), ctx)).toEqual({
      outcome: 'failed',
      error: '400: (#10) This message is sent outside of allowed window. (code 10, subcode 2018278)',
    });
  });

  it('retries rate limits and 5xx', () => {
    const limited = { error: { message: '(#32) Page request limit reached', type: 'OAuthException', code: 32, fbtrace_id: 'A2' } };
    expect(facebookAdapter.readReply(graphResponse(400, limited), ctx)).toMatchObject({ outcome: 'retry', error: expect.stringContaining('Page request limit reached') });
    expect(facebookAdapter.readReply(graphResponse(429, limited, { 'retry-after': '30' }), ctx)).toMatchObject({ outcome: 'retry', retryAfterSeconds: 30 });
    expect(facebookAdapter.readReply(graphResponse(500, { error: { message: 'An unknown error occurred', code: 1, is_transient: true } }), ctx)).toMatchObject({ outcome: 'retry' });
  });
});
