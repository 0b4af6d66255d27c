import { fixtureBytes } from '../../testing/fixtures';
import { WebhookParseError, type ChannelConfig, type HttpResponse, type ReplyContext, type WebhookRequest } from '../../types';
import { secondsUntilQuotaReset } from './youtube-api';
import { youtubeAdapter } from './youtube.adapter';

const OUR_CHANNEL = 'UCx1y2z3DaGino00000000Ab';
const config: ChannelConfig = { apiBaseUrl: 'https://www.googleapis.com/youtube/v3', channelId: OUR_CHANNEL, accessToken: 'ya29.token', pollSeconds: 60 };
const stored = (rawBody: Buffer | string): WebhookRequest => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  query: {},
  rawBody: Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody),
});
const THREAD_1 = 'UgzKp4Qx9rN2mB7vL1Z4AaABAg';
const OUR_REPLY = `${THREAD_1}.A4bC7dE0fG3A4bC7dE0fG3`;
const MARK_REPLY = `${THREAD_1}.A4bC9xY2zW5A4bC9xY2zW5`;

/** The event parse() should make of one fixture comment. */
function expected(id: string, author: [string, string], text: string, occurredAt: string, extra: object = {}): object {
  const [videoId, threadId] = id.startsWith('Ugw7') ? ['Lm5tR7wQ9zC', id] : ['Xq3vN8kL2pA', THREAD_1];
  return {
    op: 'create',
    kind: 'comment',
    externalId: id,
    threadKey: threadId,
    ...(id !== threadId ? { parentExternalId: threadId } : {}),
    author: { id: author[0], name: author[1], username: author[1] },
    text,
    attachments: [],
    occurredAt,
    isEcho: author[0] === OUR_CHANNEL,
    context: { url: `https://www.youtube.com/watch?v=${videoId}&lc=${id}` },
    replyRef: { threadId, videoId },
    ...extra,
  };
}
const giulia = expected(THREAD_1, ['UCg1uL14R0ss1Xyz9876543Q', '@giuliarossi92'], 'La carbonara più buona che abbia mai visto 😍🍝 ricetta originale?', '2024-06-10T08:42:11.000Z');
const ourReply = expected(OUR_REPLY, [OUR_CHANNEL, '@DaGinoTrattoria'], 'Grazie Giulia! Sì, la ricetta è quella della nonna 😊', '2024-06-10T09:15:02.000Z');
const markReply = expected(MARK_REPLY, ['UCm4rkTr4v3lsXyZ123456Ab', '@marktravels'], 'I tried it last week, can confirm 🔥', '2024-06-10T10:01:44.000Z');

describe('youtubeAdapter: no webhooks', () => {
  it('has no handshake, refuses every delivery and signs nothing', () => {
    const req: WebhookRequest = { method: 'POST', headers: {}, query: {}, rawBody: fixtureBytes('youtube', 'commentThreads_list_response.json') };
    expect(youtubeAdapter.handshake({ ...req, method: 'GET' }, config)).toBeNull();
    expect(youtubeAdapter.verify(req, config)).toEqual({ ok: false, status: 403, reason: 'YouTube has no webhooks: comments are polled' });
    expect(youtubeAdapter.signDelivery(req.rawBody, config)).toEqual({});
  });
});

describe('youtubeAdapter.parse (stored poll responses)', () => {
  it('commentThreads_list_response.json: top-level comments, embedded replies, an edit and our own echo', () => {
    const events = youtubeAdapter.parse(stored(fixtureBytes('youtube', 'commentThreads_list_response.json')), config);
    expect(events).toEqual([
      giulia,
      ourReply,
      markReply,
      expected('Ugw7tYc3nM8kP2qR5sX9AaABAg', ['UCf00dL0v3rIt4ly000000Zz', '@foodlover_it'], "Che musica c'è in sottofondo? 🎶 What's the song?", '2024-06-09T18:30:00.000Z', {
        op: 'edit',
      }),
    ]);
  });

  it('comments_list_replies_response.json: the full reply list of a thread', () => {
    expect(youtubeAdapter.parse(stored(fixtureBytes('youtube', 'comments_list_replies_response.json')), config)).toEqual([ourReply, markReply]);
  });

  it('a top-level comment in a comment list is its own thread; NUL characters are dropped', () => {
    const body = { kind: 'youtube#commentListResponse', items: [{ id: 'Ugabc', snippet: { textOriginal: 'a\u0000b', authorDisplayName: '@x', authorChannelId: { value: 'UCx' }, publishedAt: '2024-06-10T08:42:11Z' } }] };
    expect(youtubeAdapter.parse(stored(JSON.stringify(body)), config)).toEqual([
      expect.objectContaining({ externalId: 'Ugabc', threadKey: 'Ugabc', text: 'ab', op: 'create', replyRef: { threadId: 'Ugabc' } }),
    ]);
  });

  it('an empty page has no events', () => {
    expect(youtubeAdapter.parse(stored('{"kind":"youtube#commentThreadListResponse","items":[]}'), config)).toEqual([]);
  });

  it('throws WebhookParseError for what is not a comment list', () => {
    for (const raw of ['nope', '[]', '{}', '{"items":{}}', '{"kind":"youtube#videoListResponse","items":[]}']) {
      expect(() => youtubeAdapter.parse(stored(raw), config)).toThrow(WebhookParseError);
    }
    expect(() => youtubeAdapter.parse(stored(fixtureBytes('youtube', 'error_quota_exceeded.json')), config)).toThrow(WebhookParseError);
  });

  it('skips malformed items without throwing', () => {
    const body = { items: [null, 5, 'x', { kind: 'youtube#commentThread', snippet: { topLevelComment: 'x' }, replies: { comments: [1, { id: 'r' }] } }, { id: 'c', snippet: { authorChannelId: 7 } }] };
    expect(youtubeAdapter.parse(stored(JSON.stringify(body)), config)).toEqual([
      expect.objectContaining({ externalId: 'c', author: { id: 'unknown:c' }, text: '', occurredAt: '' }),
    ]);
  });
});

function replyContext(replyRef: Record<string, string> = { threadId: THREAD_1, videoId: 'Xq3vN8kL2pA' }): ReplyContext {
  return {
    channel: { id: 'ch', type: 'youtube', config },
    conversation: { id: 'conv', kind: 'comment', threadKey: THREAD_1, subject: null, emailToken: 't' },
    replyTo: { externalId: MARK_REPLY, parentExternalId: THREAD_1, threadKey: THREAD_1, authorExternalId: 'UCm4rkTr4v3lsXyZ123456Ab', replyRef },
    contact: null,
    message: { id: 'm', text: 'Grazie Mark! 🙏' },
    outboundMessageId: '<out-x@desk.invalid>',
  };
}
const res = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse => ({ status, headers, body: JSON.stringify(body) });
const googleError = (code: number, reason: string, message: string) => ({ error: { code, message, errors: [{ domain: 'youtube.comment', reason, message }] } });

describe('youtubeAdapter.buildReply / readReply', () => {
  it('posts the reply to the thread (even when answering a reply), with the Bearer token', () => {
    const { method, url, headers, body } = youtubeAdapter.buildReply(replyContext());
    expect(`${method} ${url}`).toBe('POST https://www.googleapis.com/youtube/v3/comments?part=snippet');
    expect(headers).toEqual({ authorization: 'Bearer ya29.token', accept: 'application/json', 'content-type': 'application/json' });
    expect(JSON.parse(body!)).toEqual({ snippet: { parentId: THREAD_1, textOriginal: 'Grazie Mark! 🙏' } });
    expect(JSON.parse(youtubeAdapter.buildReply(replyContext({})).body!).snippet.parentId).toBe(THREAD_1);
  });

  it('records the new comment id', () => {
    expect(youtubeAdapter.readReply(res(200, { kind: 'youtube#comment', id: `${THREAD_1}.NewReply01`, snippet: {} }), replyContext())).toEqual({
      outcome: 'sent',
      externalId: `${THREAD_1}.NewReply01`,
    });
  });

  it('fails for good when comments are disabled, retries the daily quota after its reset', () => {
    expect(youtubeAdapter.readReply(res(403, googleError(403, 'commentsDisabled', 'Comments are disabled for this video.')), replyContext())).toEqual({
      outcome: 'failed',
      error: '403: Comments are disabled for this video. (commentsDisabled)',
    });
    const quota = JSON.parse(fixtureBytes('youtube', 'error_quota_exceeded.json').toString('utf8'));
    const outcome = youtubeAdapter.readReply(res(403, quota), replyContext());
    expect(outcome).toMatchObject({ outcome: 'retry', error: '403: The request cannot be completed because you have exceeded your quota. (quotaExceeded)' });
    expect(outcome.outcome === 'retry' && outcome.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('retries 429 with Retry-After and 5xx', () => {
    expect(youtubeAdapter.readReply(res(429, googleError(429, 'rateLimitExceeded', 'Too many')), replyContext()).outcome).toBe('retry');
    expect(youtubeAdapter.readReply(res(429, {}, { 'retry-after': '12' }), replyContext())).toMatchObject({ outcome: 'retry', retryAfterSeconds: 12 });
    expect(youtubeAdapter.readReply(res(503, googleError(503, 'backendError', 'Backend Error')), replyContext())).toEqual({ outcome: 'retry', error: '503: Backend Error (backendError)' });
  });

  it('counts the quota down to midnight Pacific', () => {
    expect(secondsUntilQuotaReset(new Date('2024-06-11T06:00:00Z'))).toBe(3600); // 23:00 PDT
    expect(secondsUntilQuotaReset(new Date('2024-01-11T07:30:00Z'))).toBe(1800); // 23:30 PST
  });
});
