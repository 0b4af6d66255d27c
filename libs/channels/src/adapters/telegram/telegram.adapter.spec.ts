import { fixtureBytes } from '../../testing/fixtures';
import type { ChannelConfig } from '../../types/channel-type';
import { WebhookParseError } from '../../types/webhook-request';
import { deeplyNested, delivery, getRequest } from '../../testing/adapter-test-kit';
import { telegramAdapter } from './telegram.adapter';

const SECRET = 'tg-secret_token-42';
const config: ChannelConfig = { apiBaseUrl: 'https://api.telegram.org', botToken: '7012345678:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw', secretToken: SECRET };
const GIULIA = { id: '123456789', name: 'Giulia Rossi', username: 'giuliarossi' };
const FIXTURES = ['message_private.json', 'message_group_reply.json', 'edited_message.json', 'channel_post.json', 'message_photo.json'];

const fixture = (file: string) => delivery(fixtureBytes('telegram', file), { 'x-telegram-bot-api-secret-token': SECRET });
const parse = (body: unknown) => telegramAdapter.parse(delivery(typeof body === 'string' ? body : JSON.stringify(body)), config);
const update = (file: string) => JSON.parse(fixtureBytes('telegram', file).toString('utf8'));

describe('telegramAdapter handshake and verify', () => {
  it('has no handshake', () => {
    expect(telegramAdapter.handshake(getRequest({ crc_token: 'x', challengeCode: 'y' }), config)).toBeNull();
  });

  it.each(FIXTURES)('accepts %s with the secret token header', (file) => {
    expect(telegramAdapter.verify(fixture(file), config)).toEqual({ ok: true });
  });

  it('signDelivery sends the secret token', () => {
    expect(telegramAdapter.signDelivery(Buffer.from('{}'), config)).toEqual({ 'x-telegram-bot-api-secret-token': SECRET });
  });

  it('rejects a wrong secret token with 403 (the body itself is not signed)', () => {
    const body = fixtureBytes('telegram', 'message_private.json');
    expect(telegramAdapter.verify(delivery(body, { 'x-telegram-bot-api-secret-token': 'tg-secret_token-43' }), config)).toMatchObject({ ok: false, status: 403 });
    expect(telegramAdapter.verify(fixture('message_private.json'), { ...config, secretToken: 'another' })).toMatchObject({ ok: false, status: 403 });
    expect(telegramAdapter.verify(fixture('message_private.json'), { ...config, secretToken: undefined })).toMatchObject({ ok: false, status: 403 });
  });

  it('rejects a missing or empty secret token header with 401', () => {
    const body = fixtureBytes('telegram', 'message_private.json');
    expect(telegramAdapter.verify(delivery(body), config)).toMatchObject({ ok: false, status: 401 });
    expect(telegramAdapter.verify(delivery(body, { 'x-telegram-bot-api-secret-token': '' }), config)).toMatchObject({ ok: false, status: 401 });
  });
});

describe('telegramAdapter parse: fixtures', () => {
  /** Giulia's private chat with the bot: what every event of it shares. */
  const inGiuliaChat = (messageId: number) => ({
    kind: 'message',
    externalId: `123456789:${messageId}`,
    threadKey: 'dm:123456789',
    author: GIULIA,
    isEcho: false,
    replyRef: { chatId: '123456789', messageId: String(messageId) },
  });

  it('message_private.json: a DM in the customer thread', () => {
    expect(telegramAdapter.parse(fixture('message_private.json'), config)).toEqual([
      { ...inGiuliaChat(52), op: 'create', text: 'Ciao! Avete opzioni vegane? 🌱', attachments: [], occurredAt: '2024-06-10T14:33:20.000Z' },
    ]);
  });

  it('edited_message.json: an edit of message 52, same externalId', () => {
    expect(telegramAdapter.parse(fixture('edited_message.json'), config)).toEqual([
      { ...inGiuliaChat(52), op: 'edit', text: 'Ciao! Avete opzioni vegane o senza lattosio? 🌱🥛', attachments: [], occurredAt: '2024-06-10T14:33:20.000Z' },
    ]);
  });

  it('message_photo.json: the largest photo size, the caption as text', () => {
    const largest = { type: 'image', mediaId: 'AgACAgQAAxkBAAIBNWZmRxQz1a2b3c4d5e6f7g8h9i0jAAJxyz1rG1aBCUnOpQrStUvWAQADAgADeQADNQQ', size: 145230 };
    expect(telegramAdapter.parse(fixture('message_photo.json'), config)).toEqual([
      { ...inGiuliaChat(53), op: 'create', text: 'Questa è la ricevuta, mi avete addebitato due volte 😕', attachments: [largest], occurredAt: '2024-06-10T14:58:20.000Z' },
    ]);
  });

  it('message_group_reply.json: a comment under the bot message it answers', () => {
    expect(telegramAdapter.parse(fixture('message_group_reply.json'), config)).toEqual([
      {
        op: 'create',
        kind: 'comment',
        externalId: '-1001234567890:1204',
        parentExternalId: '-1001234567890:1199',
        author: { id: '987654321', name: 'Mark', username: 'mark_t' },
        text: 'Thanks! Is the tiramisù made in house? 🍰',
        attachments: [],
        occurredAt: '2024-06-10T14:41:40.000Z',
        isEcho: false,
        replyRef: { chatId: '-1001234567890', messageId: '1204' },
      },
    ]);
  });

  it('channel_post.json: a comment written by the channel, signed by Gino', () => {
    const [event] = telegramAdapter.parse(fixture('channel_post.json'), config);
    expect(event).toEqual({
      op: 'create',
      kind: 'comment',
      externalId: '-1009876543210:310',
      author: { id: '-1009876543210', name: 'Da Gino News (Gino)', username: 'daginonews' },
      text: 'Stasera musica dal vivo 🎸 dalle 21:00! Live music tonight from 9pm.',
      attachments: [],
      occurredAt: '2024-06-10T14:50:00.000Z',
      isEcho: false,
      replyRef: { chatId: '-1009876543210', messageId: '310' },
    });
  });
});

describe('telegramAdapter parse: other updates', () => {
  it("recognises the bot's own group message as an echo", () => {
    const body = update('message_group_reply.json');
    body.message.from = { id: 7012345678, is_bot: true, first_name: 'Da Gino Assistente', username: 'DaGinoBot' };
    expect(parse(body)[0]).toMatchObject({ isEcho: true, author: { id: '7012345678', username: 'DaGinoBot' } });
    body.message.from.id = 7999999999;
    expect(parse(body)[0]).toMatchObject({ isEcho: false });
  });

  it("a business owner's message in a customer chat is an echo in the customer's thread", () => {
    const body = { update_id: 1, business_message: { ...update('message_private.json').message, business_connection_id: 'bc-1', from: { id: 555, is_bot: false, first_name: 'Gino' } } };
    expect(parse(body)[0]).toMatchObject({
      kind: 'message',
      isEcho: true,
      author: { id: '555', name: 'Gino' },
      counterpart: GIULIA,
      threadKey: 'dm:123456789',
      replyRef: { chatId: '123456789', messageId: '52', businessConnectionId: 'bc-1' },
    });
  });

  it('keys a forum topic message by its topic, without a parent for the topic opener', () => {
    const body = update('message_group_reply.json');
    Object.assign(body.message, { message_thread_id: 1199, is_topic_message: true });
    expect(parse(body)[0]).toMatchObject({ threadKey: 'topic:-1001234567890:1199', replyRef: { threadId: '1199' } });
    expect(parse(body)[0]!.parentExternalId).toBeUndefined();
  });

  it('does not take a plain supergroup reply chain for a topic', () => {
    const body = update('message_group_reply.json');
    body.message.message_thread_id = 1199;
    expect(parse(body)[0]).toMatchObject({ parentExternalId: '-1001234567890:1199' });
    expect(parse(body)[0]!.threadKey).toBeUndefined();
  });

  it('edited_channel_post is an edit; business message deletions are deletes', () => {
    expect(parse({ update_id: 2, edited_channel_post: update('channel_post.json').channel_post })[0]).toMatchObject({ op: 'edit', externalId: '-1009876543210:310' });
    const deleted = parse({ update_id: 3, deleted_business_messages: { business_connection_id: 'bc', chat: { id: 42, type: 'private' }, message_ids: [7, 'x', 8] } });
    expect(deleted.map((e) => [e.op, e.externalId])).toEqual([
      ['delete', '42:7'],
      ['delete', '42:8'],
    ]);
  });

  it('lists documents, voice, video, stickers and locations; an animation once', () => {
    const message = { message_id: 9, chat: { id: 1, type: 'private' }, from: { id: 1, first_name: 'A' }, date: 1718030000 };
    const attachments = (extra: object) => parse({ update_id: 4, message: { ...message, ...extra } })[0]!.attachments;
    expect(attachments({ document: { file_id: 'd', file_name: 'menu.pdf', mime_type: 'application/pdf', file_size: 100 } })).toEqual([
      { type: 'file', mediaId: 'd', name: 'menu.pdf', mimeType: 'application/pdf', size: 100 },
    ]);
    expect(attachments({ voice: { file_id: 'v', mime_type: 'audio/ogg', duration: 3 } })).toEqual([{ type: 'audio', mediaId: 'v', mimeType: 'audio/ogg' }]);
    expect(attachments({ video: { file_id: 'vi', mime_type: 'video/mp4' } })).toEqual([{ type: 'video', mediaId: 'vi', mimeType: 'video/mp4' }]);
    expect(attachments({ sticker: { file_id: 's', emoji: '😀' } })).toEqual([{ type: 'sticker', mediaId: 's', name: '😀' }]);
    expect(attachments({ location: { latitude: 41.9, longitude: 12.5 } })).toEqual([{ type: 'location', name: '41.9,12.5', url: 'https://maps.google.com/?q=41.9,12.5' }]);
    expect(attachments({ animation: { file_id: 'g', mime_type: 'video/mp4' }, document: { file_id: 'g', mime_type: 'video/mp4' } })).toEqual([
      { type: 'video', mediaId: 'g', mimeType: 'video/mp4' },
    ]);
  });

  it('ignores updates without a message: callbacks, service messages, reactions', () => {
    expect(parse({ update_id: 5, callback_query: { id: '1', data: 'x' } })).toEqual([]);
    expect(parse({ update_id: 6, message: { message_id: 1, chat: { id: -1, type: 'group' }, from: { id: 2 }, date: 1, new_chat_members: [{ id: 3 }] } })).toEqual([]);
    expect(parse({ update_id: 7, message_reaction: { chat: { id: 1 }, message_id: 1 } })).toEqual([]);
  });
});

describe('telegramAdapter parse: hostile bodies', () => {
  it.each([
    ['not JSON', 'update_id=1'],
    ['a JSON array', '[{"update_id":1}]'],
    ['an object without update_id', '{"message":{}}'],
    ['a string update_id', '{"update_id":"1","message":{}}'],
    ['a message that is not an object', '{"update_id":1,"message":"hi"}'],
    ['an edited_message that is an array', '{"update_id":1,"edited_message":[]}'],
    ['deeply nested JSON', deeplyNested(100_000)],
  ])('throws WebhookParseError for %s', (_, body) => {
    expect(() => parse(body)).toThrow(WebhookParseError);
  });

  it('skips messages of the wrong shape without throwing', () => {
    for (const message of [{}, { message_id: '52', chat: { id: 1, type: 'private' }, text: 'x' }, { message_id: 52, chat: { id: 1.5 }, text: 'x' }, { message_id: 52, chat: 'x', text: 'x' }, { message_id: 52, chat: { id: 1, type: 'group' }, text: 'x' }]) {
      expect(parse({ update_id: 1, message })).toEqual([]);
    }
  });

  it('survives wrong field types, strips NUL and keeps a sane time', () => {
    const [event] = parse({
      update_id: 1,
      message: { message_id: 1, chat: { id: 5, type: 'private' }, from: { id: 5, first_name: 'Gi\u0000ulia', last_name: 7 }, date: 1e300, text: 'ci\u0000ao', photo: 'big', document: [1], caption: { a: 1 } },
    });
    expect(event).toMatchObject({ text: 'ciao', author: { id: '5', name: 'Giulia' }, attachments: [] });
    expect(Number.isNaN(Date.parse(event!.occurredAt))).toBe(false);
  });

  it('reads a photo array full of junk, still picking the largest valid size', () => {
    const photo = [null, 'x', { width: 9999 }, { file_id: 'a', width: 10, height: 10 }, { file_id: 'b', width: 20, height: 20 }, ...new Array(10_000).fill({ file_id: 'c', width: 1, height: 1 })];
    expect(parse({ update_id: 1, message: { message_id: 1, chat: { id: 5, type: 'private' }, from: { id: 5 }, date: 1, photo } })[0]!.attachments).toEqual([{ type: 'image', mediaId: 'b' }]);
  });
});
