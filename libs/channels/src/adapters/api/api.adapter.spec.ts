import { createHmac } from 'node:crypto';
import { WebhookParseError, type ChannelConfig, type HttpResponse, type ReplyContext, type WebhookRequest } from '../../types';
import { apiAdapter } from './api.adapter';

const config: ChannelConfig = { apiBaseUrl: '', secret: 'api-test-secret', replyUrl: 'https://crm.example/desk/replies' };
const sign = (body: string | Buffer, secret = 'api-test-secret'): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
function delivery(body: unknown, signature?: string | null): WebhookRequest {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': signature === null ? undefined : (signature ?? sign(raw)) }, query: {}, rawBody: Buffer.from(raw) };
}
const parse = (body: unknown) => apiAdapter.parse(delivery(body), config);
const parseError = (body: unknown): string => {
  try {
    parse(body);
  } catch (err) {
    expect(err).toBeInstanceOf(WebhookParseError);
    return (err as Error).message;
  }
  throw new Error('expected a WebhookParseError');
};

const comment = {
  id: 'evt-1001',
  kind: 'comment',
  threadId: 'post-77',
  inReplyTo: 'evt-1000',
  author: { id: 'u-42', name: 'Lucia Bianchi', username: 'lucia.b', followers: 1200 },
  text: 'Siete aperti a Ferragosto?',
  createdAt: '2024-06-10T08:42:11+02:00',
  context: { url: 'https://forum.example/t/77', title: 'Orari estivi' },
};

describe('apiAdapter.verify', () => {
  it('accepts the X-Signature over the exact bytes; 401 without it, 403 when wrong', () => {
    const raw = JSON.stringify(comment);
    expect(apiAdapter.verify(delivery(raw), config)).toEqual({ ok: true });
    expect(apiAdapter.verify(delivery(raw, sign(raw).toUpperCase().replace('SHA256=', 'sha256=')), config)).toEqual({ ok: true });
    expect(apiAdapter.verify(delivery(raw, null), config)).toMatchObject({ ok: false, status: 401 });
    expect(apiAdapter.verify(delivery(raw, sign(raw, 'other-secret')), config)).toMatchObject({ ok: false, status: 403 });
    expect(apiAdapter.verify(delivery(raw, sign(raw).slice('sha256='.length)), config)).toMatchObject({ ok: false, status: 403 });
    expect(apiAdapter.verify({ ...delivery(raw), rawBody: Buffer.from(raw.replace('Ferragosto', 'Natale')) }, config)).toMatchObject({ ok: false, status: 403 });
    expect(apiAdapter.verify(delivery(raw), { ...config, secret: '' })).toMatchObject({ ok: false, status: 403 });
  });

  it('signDelivery produces what verify accepts; no handshake', () => {
    const rawBody = Buffer.from(JSON.stringify(comment));
    const headers = apiAdapter.signDelivery(rawBody, config);
    expect(headers).toEqual({ 'x-signature': sign(rawBody) });
    expect(apiAdapter.verify({ method: 'POST', headers, query: {}, rawBody }, config)).toEqual({ ok: true });
    expect(apiAdapter.handshake({ method: 'GET', headers: {}, query: {}, rawBody: Buffer.alloc(0) }, config)).toBeNull();
  });
});

describe('apiAdapter.parse', () => {
  it('maps a single event', () => {
    expect(parse(comment)).toEqual([
      {
        op: 'create',
        kind: 'comment',
        externalId: 'evt-1001',
        threadKey: 'thread:post-77',
        parentExternalId: 'evt-1000',
        author: { id: 'u-42', name: 'Lucia Bianchi', username: 'lucia.b', followers: 1200 },
        text: 'Siete aperti a Ferragosto?',
        attachments: [],
        occurredAt: '2024-06-10T06:42:11.000Z',
        isEcho: false,
        context: { url: 'https://forum.example/t/77', title: 'Orari estivi' },
        replyRef: { eventId: 'evt-1001', threadId: 'post-77' },
      },
    ]);
  });

  it('maps a batch: DMs keyed by their author, mentions without a thread, our own messages as echoes', () => {
    const events = parse({
      events: [
        { id: 'dm-1', kind: 'message', author: { id: 'u-9' }, text: 'Ciao!' },
        { id: 'men-1', kind: 'mention', author: { id: 'u-10', name: null }, text: '@dagino top', createdAt: '2024-06-10T08:00:00Z', threadId: null },
        { id: 'dm-2', kind: 'message', author: { id: 'biz' }, text: 'Ciao, come possiamo aiutarti?', fromBusiness: true, threadId: 'chat-9' },
        { id: 'dm-3', kind: 'message', author: { id: 'biz' }, text: 'Anche domani.', fromBusiness: true, inReplyTo: 'dm-1' },
      ],
    });
    expect(events.map((e) => [e.externalId, e.kind, e.threadKey, e.parentExternalId, e.isEcho, e.occurredAt])).toEqual([
      ['dm-1', 'message', 'dm:u-9', undefined, false, ''],
      ['men-1', 'mention', undefined, undefined, false, '2024-06-10T08:00:00.000Z'],
      ['dm-2', 'message', 'thread:chat-9', undefined, true, ''],
      ['dm-3', 'message', undefined, 'dm-1', true, ''],
    ]);
    expect(events[0]).toEqual({ op: 'create', kind: 'message', externalId: 'dm-1', threadKey: 'dm:u-9', author: { id: 'u-9' }, text: 'Ciao!', attachments: [], occurredAt: '', isEcho: false, replyRef: { eventId: 'dm-1' } });
    expect(parse({ events: [] })).toEqual([]);
  });

  it('strips NUL characters and accepts text of exactly 10,000 characters (counted as characters, not UTF-16 units)', () => {
    const [ev] = parse({ ...comment, text: 'a\u0000b', author: { id: 'u', name: 'N\u0000o' } });
    expect([ev!.text, ev!.author.name]).toEqual(['ab', 'No']);
    expect(parse({ ...comment, text: '😀'.repeat(10_000) })[0]!.text).toHaveLength(20_000);
    expect(parseError({ ...comment, text: 'x'.repeat(10_001) })).toContain('text must be a string of at most 10000 characters');
  });

  it('names every invalid field', () => {
    expect(parseError({ kind: 'post', author: { id: 5, followers: -1 }, text: 7, createdAt: 'yesterday', fromBusiness: 'yes', context: 'x' })).toBe(
      'invalid event: id must be a non-empty string of at most 256 characters; kind must be one of comment, mention, message; ' +
        'author.id must be a non-empty string of at most 256 characters; author.followers must be an integer from 0 to 2147483647; ' +
        'text must be a string of at most 10000 characters; createdAt must be an ISO 8601 date-time; fromBusiness must be a boolean; context must be an object',
    );
    expect(parseError({ ...comment, author: 'u-42' })).toBe('invalid event: author must be an object with an id');
    expect(parseError({ ...comment, id: '  ' })).toContain('id must be');
    expect(parseError({ ...comment, createdAt: '2024-06-10' })).toContain('createdAt must be an ISO 8601 date-time');
    expect(parseError({ ...comment, threadId: 42 })).toContain('threadId must be');
    expect(parseError({ id: 'x', kind: 'message', author: { id: 'biz' }, text: 'hi', fromBusiness: true })).toContain('threadId or inReplyTo is required');
  });

  it('names the failing batch entries, rejects a non-array or oversized batch', () => {
    expect(parseError({ events: [comment, { ...comment, id: null }, 'x'] })).toBe(
      'invalid event: events[1].id must be a non-empty string of at most 256 characters; events[2] must be an object',
    );
    expect(parseError({ events: {} })).toBe('invalid delivery: events must be an array');
    expect(parseError({ events: Array.from({ length: 1001 }, () => comment) })).toContain('at most 1000 events');
    expect(parseError({ events: Array.from({ length: 20 }, () => ({})) })).toMatch(/\(and \d+ more\)$/);
  });

  it('rejects what is not a JSON object', () => {
    for (const raw of ['nope', '[]', '"x"', 'null']) expect(() => parse(raw)).toThrow(WebhookParseError);
    const nested = '{"id":"x","kind":"comment","author":{"id":"a"},"text":"t","context":{"title":' + '['.repeat(3000) + ']'.repeat(3000) + '}}';
    expect(() => parse(nested)).toThrow(WebhookParseError);
  });
});

function replyContext(overrides: Partial<ReplyContext> = {}): ReplyContext {
  return {
    channel: { id: 'ch', type: 'api', config },
    conversation: { id: 'conv-1', kind: 'comment', threadKey: 'thread:post-77', subject: null, emailToken: 't' },
    replyTo: { externalId: 'evt-1001', parentExternalId: 'evt-1000', threadKey: 'thread:post-77', authorExternalId: 'u-42', replyRef: { eventId: 'evt-1001', threadId: 'post-77' } },
    contact: null,
    message: { id: 'msg-1', text: 'Sì, siamo aperti!' },
    outboundMessageId: '<out@x>',
    ...overrides,
  };
}
const res = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({ status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('apiAdapter.buildReply / readReply', () => {
  it('posts the signed reply to replyUrl', () => {
    const req = apiAdapter.buildReply(replyContext());
    const body = JSON.stringify({ messageId: 'msg-1', conversationId: 'conv-1', threadId: 'post-77', inReplyTo: 'evt-1001', text: 'Sì, siamo aperti!' });
    expect(req).toEqual({ method: 'POST', url: 'https://crm.example/desk/replies', headers: { 'content-type': 'application/json', 'X-Signature': sign(body) }, body });
  });

  it('sends nulls when there is no thread or no answered message', () => {
    expect(JSON.parse(apiAdapter.buildReply(replyContext({ replyTo: null })).body!)).toEqual({ messageId: 'msg-1', conversationId: 'conv-1', threadId: null, inReplyTo: null, text: 'Sì, siamo aperti!' });
  });

  it('throws when the channel has no replyUrl', () => {
    expect(() => apiAdapter.buildReply(replyContext({ channel: { id: 'ch', type: 'api', config: { ...config, replyUrl: undefined } } }))).toThrow('this api channel has no replyUrl');
  });

  it('reads any 2xx as sent, with the id of the answer when there is one', () => {
    expect(apiAdapter.readReply(res(201, { id: 'ext-9' }), replyContext())).toEqual({ outcome: 'sent', externalId: 'ext-9' });
    expect(apiAdapter.readReply(res(200, { id: 9 }), replyContext())).toEqual({ outcome: 'sent', externalId: '9' });
    expect(apiAdapter.readReply(res(204, ''), replyContext())).toEqual({ outcome: 'sent', externalId: undefined });
  });

  it("fails on a 4xx with the receiver's message, retries 429 and 5xx", () => {
    expect(apiAdapter.readReply(res(422, { error: 'unknown thread' }), replyContext())).toEqual({ outcome: 'failed', error: '422: unknown thread' });
    expect(apiAdapter.readReply(res(400, { error: { message: 'bad text' } }), replyContext())).toEqual({ outcome: 'failed', error: '400: bad text' });
    expect(apiAdapter.readReply(res(429, { message: 'slow down' }, { 'retry-after': '5' }), replyContext())).toEqual({ outcome: 'retry', error: '429: slow down', retryAfterSeconds: 5 });
    expect(apiAdapter.readReply(res(502, 'Bad Gateway'), replyContext())).toEqual({ outcome: 'retry', error: '502: Bad Gateway' });
  });
});
