import { startFakePlatform, type FakePlatform } from '../../apps/simulator/src/fake-platform';

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

describe('fake platform', () => {
  let fake: FakePlatform;

  beforeAll(async () => {
    fake = await startFakePlatform();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  async function call(url: string, init: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
    const body = init.body === undefined || typeof init.body === 'string' ? (init.body as string | undefined) : JSON.stringify(init.body);
    const headers = { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...init.headers };
    const res = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  const auth = { authorization: 'Bearer sim-token' };

  describe('Meta Graph API', () => {
    it('answers a comment reply with <object>_<new id> and records the request', async () => {
      const url = `${fake.baseUrls.facebook}/987654321098765_1122334455667788/comments`;
      const res = await call(url, { headers: { ...auth, 'X-Custom': 'Yes' }, body: { message: 'Ciao Giulia! ☀️' } });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ id: expect.stringMatching(/^987654321098765_\d{16}$/) });
      expect(fake.requests).toHaveLength(1);
      const [recorded] = fake.requests;
      expect(recorded).toMatchObject({
        platform: 'meta',
        method: 'POST',
        path: '/graph/v23.0/987654321098765_1122334455667788/comments',
        query: {},
        body: JSON.stringify({ message: 'Ciao Giulia! ☀️' }),
        json: { message: 'Ciao Giulia! ☀️' },
        status: 200,
      });
      expect(recorded!.headers['x-custom']).toBe('Yes');
      expect(recorded!.headers.authorization).toBe('Bearer sim-token');
      expect(new Date(recorded!.at).toISOString()).toBe(recorded!.at);
      expect(JSON.parse(recorded!.response!)).toEqual(res.json);
    });

    it('refuses a call without an access token and one without a message, in the Graph error shape', async () => {
      const noToken = await call(`${fake.baseUrls.facebook}/1/comments`, { body: { message: 'x' } });
      expect(noToken.status).toBe(400);
      expect(noToken.json.error).toMatchObject({ type: 'OAuthException', code: 104, fbtrace_id: expect.any(String) });
      const viaQuery = await call(`${fake.baseUrls.facebook}/1/comments?access_token=t&message=hi`, { method: 'POST' });
      expect(viaQuery.status).toBe(200);
      const noMessage = await call(`${fake.baseUrls.facebook}/1/comments`, { headers: auth, body: {} });
      expect(noMessage.status).toBe(400);
      expect(noMessage.json.error.code).toBe(100);
    });

    it('answers Instagram comment replies (message in the query) and mention replies with {id}', async () => {
      const reply = await call(`${fake.baseUrls.instagram}/18012345678901234/replies?message=Grazie%20%F0%9F%98%8D`, { method: 'POST', headers: auth });
      expect(reply.status).toBe(200);
      expect(reply.json).toEqual({ id: expect.stringMatching(/^\d+$/) });
      expect(fake.requests[0]!.query).toEqual({ message: 'Grazie 😍' });
      const mention = await call(`${fake.baseUrls.instagram}/17841400123456789/mentions`, {
        headers: auth,
        body: { comment_id: '17866554433221100', media_id: '17877665544332211', message: 'Grazie!' },
      });
      expect(mention.status).toBe(200);
      expect(mention.json).toEqual({ id: expect.any(String) });
    });

    it('answers the Messenger/Instagram Send API with {recipient_id, message_id}', async () => {
      const res = await call(`${fake.baseUrls.facebook}/104857600123456/messages`, {
        headers: auth,
        body: { recipient: { id: '24681357924681357' }, messaging_type: 'RESPONSE', message: { text: 'Certo!' } },
      });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ recipient_id: '24681357924681357', message_id: expect.stringMatching(/^m_/) });
      const privateReply = await call(`${fake.baseUrls.facebook}/104857600123456/messages`, {
        headers: auth,
        body: { recipient: { comment_id: '987654321098765_1122334455667788' }, message: { text: 'Ti scriviamo in privato' } },
      });
      expect(privateReply.json.recipient_id).toMatch(/^\d+$/);
    });

    it('answers the WhatsApp send with contacts and a wamid, and a mark-as-read with success', async () => {
      const res = await call(`${fake.baseUrls.whatsapp}/109876543210987/messages`, {
        headers: auth,
        body: { messaging_product: 'whatsapp', recipient_type: 'individual', to: '393471234567', type: 'text', text: { preview_url: false, body: 'Ciao Luca' } },
      });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({
        messaging_product: 'whatsapp',
        contacts: [{ input: '393471234567', wa_id: '393471234567' }],
        messages: [{ id: expect.stringMatching(/^wamid\./) }],
      });
      const read = await call(`${fake.baseUrls.whatsapp}/109876543210987/messages`, {
        headers: auth,
        body: { messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.X' },
      });
      expect(read.json).toEqual({ success: true });
    });

    it('serves mentioned comments: the fixture default, any id, and configured ones', async () => {
      const fields = (id: string) => encodeURIComponent(`mentioned_comment.comment_id(${id}){text,username,timestamp}`);
      const fixture = await call(`${fake.baseUrls.instagram}/17841400123456789?fields=${fields('17866554433221100')}`, { headers: auth });
      expect(fixture.status).toBe(200);
      expect(fixture.json).toEqual({
        mentioned_comment: { id: '17866554433221100', text: expect.stringContaining('@dagino.trattoria'), username: 'sara.viaggia', timestamp: '2024-06-10T12:30:05+0000' },
        id: '17841400123456789',
      });
      const other = await call(`${fake.baseUrls.instagram}/17841400123456789?fields=${fields('555')}`, { headers: auth });
      expect(other.json.mentioned_comment).toMatchObject({ id: '555', text: expect.any(String), username: expect.any(String), timestamp: expect.any(String) });
      fake.mentions({ '555': { text: 'Hello @us 👋', username: 'anna', timestamp: '2025-01-02T03:04:05+0000' } });
      const configured = await call(`${fake.baseUrls.instagram}/17841400123456789?fields=${fields('555')}`, { headers: auth });
      expect(configured.json.mentioned_comment).toEqual({ id: '555', text: 'Hello @us 👋', username: 'anna', timestamp: '2025-01-02T03:04:05+0000' });
    });

    it('answers profile lookups with the requested fields', async () => {
      const res = await call(`${fake.baseUrls.instagram}/1234567890123456?fields=name,username,follower_count`, { headers: auth });
      expect(res.json).toEqual({ id: '1234567890123456', name: expect.any(String), username: expect.any(String), follower_count: expect.any(Number) });
    });
  });

  describe('X API v2', () => {
    it('answers a tweet with 201 {data:{id,text,edit_history_tweet_ids}}', async () => {
      const res = await call(`${fake.baseUrls.x}/2/tweets`, { headers: auth, body: { text: 'Thanks Mark!', reply: { in_reply_to_tweet_id: '1801234999990001112' } } });
      expect(res.status).toBe(201);
      expect(res.json).toEqual({ data: { id: expect.stringMatching(/^\d{19}$/), text: 'Thanks Mark!', edit_history_tweet_ids: [res.json.data.id] } });
      expect(fake.requests[0]).toMatchObject({ platform: 'x', path: '/x/2/tweets' });
    });

    it('answers both DM routes with 201 {data:{dm_conversation_id, dm_event_id}}', async () => {
      const withUser = await call(`${fake.baseUrls.x}/2/dm_conversations/with/1187654321098765432/messages`, { headers: auth, body: { text: 'Ciao!' } });
      expect(withUser.status).toBe(201);
      expect(withUser.json).toEqual({ data: { dm_conversation_id: '1187654321098765432-1402345678901234567', dm_event_id: expect.stringMatching(/^\d+$/) } });
      const inConversation = await call(`${fake.baseUrls.x}/2/dm_conversations/998877665544332211-1402345678901234567/messages`, { headers: auth, body: { text: 'Hi' } });
      expect(inConversation.status).toBe(201);
      expect(inConversation.json.data.dm_conversation_id).toBe('998877665544332211-1402345678901234567');
    });

    it('refuses an unauthenticated call with an RFC 7807 problem', async () => {
      const res = await call(`${fake.baseUrls.x}/2/tweets`, { body: { text: 'x' } });
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ title: 'Unauthorized', detail: 'Unauthorized', type: 'about:blank', status: 401 });
    });
  });

  describe('Telegram Bot API', () => {
    it('answers sendMessage with {ok:true, result: Message}', async () => {
      const res = await call(`${fake.baseUrls.telegram}/bot7012345678:AAH-fake/sendMessage`, {
        body: { chat_id: 123456789, text: 'Certo! 🌱', reply_parameters: { message_id: 52, allow_sending_without_reply: true } },
      });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({
        ok: true,
        result: expect.objectContaining({ message_id: expect.any(Number), chat: expect.objectContaining({ id: 123456789, type: 'private' }), date: expect.any(Number), text: 'Certo! 🌱' }),
      });
      expect(res.json.result.reply_to_message.message_id).toBe(52);
      const missing = await call(`${fake.baseUrls.telegram}/bot7012345678:AAH-fake/sendMessage`, { body: { chat_id: 1 } });
      expect(missing.status).toBe(400);
      expect(missing.json).toEqual({ ok: false, error_code: 400, description: 'Bad Request: message text is empty' });
    });
  });

  describe('YouTube Data API', () => {
    const threadId = 'UgzKp4Qx9rN2mB7vL1Z4AaABAg';

    it('serves the fixtures: threads page 1, an empty next page, and the replies of a thread', async () => {
      const page1 = await call(`${fake.baseUrls.youtube}/commentThreads?part=snippet,replies&allThreadsRelatedToChannelId=UCx&order=time&maxResults=100`, { headers: auth });
      expect(page1.status).toBe(200);
      expect(page1.json.items.map((t: { id: string }) => t.id)).toEqual([threadId, 'Ugw7tYc3nM8kP2qR5sX9AaABAg']);
      const page2 = await call(`${fake.baseUrls.youtube}/commentThreads?part=snippet&pageToken=${page1.json.nextPageToken}`, { headers: auth });
      expect(page2.json.items).toEqual([]);
      expect(page2.json.nextPageToken).toBeUndefined();
      const replies = await call(`${fake.baseUrls.youtube}/comments?part=snippet&parentId=${threadId}&key=api-key`);
      expect(replies.status).toBe(200);
      expect(replies.json.items).toHaveLength(2);
      const none = await call(`${fake.baseUrls.youtube}/comments?part=snippet&parentId=Ugw7tYc3nM8kP2qR5sX9AaABAg`, { headers: auth });
      expect(none.json.items).toEqual([]);
    });

    it('inserts a reply, returns the comment resource and serves it on the next poll', async () => {
      const res = await call(`${fake.baseUrls.youtube}/comments?part=snippet`, { headers: auth, body: { snippet: { parentId: threadId, textOriginal: 'Grazie! 🙏' } } });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({
        kind: 'youtube#comment',
        id: expect.stringMatching(new RegExp(`^${threadId}\\.`)),
        snippet: { parentId: threadId, textOriginal: 'Grazie! 🙏', authorChannelId: { value: 'UCx1y2z3DaGino00000000Ab' }, authorDisplayName: '@DaGinoTrattoria' },
      });
      const replies = await call(`${fake.baseUrls.youtube}/comments?part=snippet&parentId=${threadId}`, { headers: auth });
      expect(replies.json.items.map((c: { id: string }) => c.id)).toContain(res.json.id);
      const threads = await call(`${fake.baseUrls.youtube}/commentThreads?part=snippet,replies`, { headers: auth });
      expect(threads.json.items[0].snippet.totalReplyCount).toBe(3);
    });

    it('refuses a reply to an unknown thread, without part, or without OAuth', async () => {
      const unknown = await call(`${fake.baseUrls.youtube}/comments?part=snippet`, { headers: auth, body: { snippet: { parentId: 'nope', textOriginal: 'x' } } });
      expect(unknown.status).toBe(404);
      expect(unknown.json.error).toMatchObject({ code: 404, errors: [{ reason: 'parentCommentNotFound' }] });
      const noPart = await call(`${fake.baseUrls.youtube}/comments`, { headers: auth, body: { snippet: { parentId: threadId, textOriginal: 'x' } } });
      expect(noPart.status).toBe(400);
      const noAuth = await call(`${fake.baseUrls.youtube}/comments?part=snippet&key=k`, { body: { snippet: { parentId: threadId, textOriginal: 'x' } } });
      expect(noAuth.status).toBe(401);
    });

    it('serves lists replaced with the youtube setter, in pages', async () => {
      const thread = (id: string) => ({ kind: 'youtube#commentThread', id, snippet: { videoId: 'v1', topLevelComment: { id, snippet: { textOriginal: id } }, totalReplyCount: 0 } });
      fake.youtube({
        commentThreads: [
          { kind: 'youtube#commentThreadListResponse', nextPageToken: 'P2', items: [thread('new1')] },
          { kind: 'youtube#commentThreadListResponse', items: [thread('old1')] },
        ],
      });
      const first = await call(`${fake.baseUrls.youtube}/commentThreads?part=snippet`, { headers: auth });
      expect(first.json.items.map((t: { id: string }) => t.id)).toEqual(['new1']);
      const second = await call(`${fake.baseUrls.youtube}/commentThreads?part=snippet&pageToken=P2`, { headers: auth });
      expect(second.json.items.map((t: { id: string }) => t.id)).toEqual(['old1']);
      fake.reset();
      const back = await call(`${fake.baseUrls.youtube}/commentThreads?part=snippet`, { headers: auth });
      expect(back.json.items[0].id).toBe(threadId);
    });
  });

  describe('LinkedIn', () => {
    const commentUrn = 'urn:li:comment:(urn:li:activity:7205123456789012480,7205234567890123456)';
    const body = { actor: 'urn:li:organization:2414183', object: 'urn:li:activity:7205123456789012480', message: { text: 'Grazie!' }, parentComment: commentUrn };

    it('answers 201 with the new comment URN in x-restli-id', async () => {
      const res = await call(`${fake.baseUrls.linkedin}/socialActions/${encodeURIComponent(commentUrn)}/comments`, {
        headers: { ...auth, 'LinkedIn-Version': '202506', 'X-Restli-Protocol-Version': '2.0.0' },
        body,
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('x-restli-id')).toMatch(/^urn:li:comment:\(urn:li:activity:7205123456789012480,\d+\)$/);
      expect(fake.requests[0]!.headers['linkedin-version']).toBe('202506');
    });

    it('refuses a call without LinkedIn-Version or token in the LinkedIn error shape', async () => {
      const noVersion = await call(`${fake.baseUrls.linkedin}/socialActions/${encodeURIComponent(commentUrn)}/comments`, { headers: auth, body });
      expect(noVersion.status).toBe(400);
      expect(noVersion.json).toMatchObject({ status: 400, code: 'VERSION_MISSING', message: expect.any(String) });
      const noToken = await call(`${fake.baseUrls.linkedin}/socialActions/${encodeURIComponent(commentUrn)}/comments`, { headers: { 'LinkedIn-Version': '202506' }, body });
      expect(noToken.status).toBe(401);
    });
  });

  describe('Postmark', () => {
    const token = { 'X-Postmark-Server-Token': 'sim-server-token' };

    it('answers a send with {To, SubmittedAt, MessageID, ErrorCode:0, Message:"OK"}', async () => {
      const res = await call(`${fake.baseUrls.email}/email`, { headers: token, body: { From: 'support@dagino.example', To: 'emma.clarke@example.co.uk', Subject: 'Re: dinner', TextBody: 'Ciao' } });
      expect(res.status).toBe(200);
      expect(res.json).toEqual({ To: 'emma.clarke@example.co.uk', SubmittedAt: expect.any(String), MessageID: expect.any(String), ErrorCode: 0, Message: 'OK' });
    });

    it('refuses a send without To (422) or token (401)', async () => {
      const noTo = await call(`${fake.baseUrls.email}/email`, { headers: token, body: { From: 'a@b.c', TextBody: 'x' } });
      expect(noTo.status).toBe(422);
      expect(noTo.json).toEqual({ ErrorCode: 300, Message: "Invalid 'To' address" });
      const noToken = await call(`${fake.baseUrls.email}/email`, { body: { To: 'a@b.c' } });
      expect(noToken.status).toBe(401);
      expect(noToken.json.ErrorCode).toBe(10);
    });
  });

  it('answers any POST under /api-reply with 200 {id}', async () => {
    const res = await call(`${fake.baseUrls.api}/hooks/desk`, { body: { messageId: 'm', text: 'hi' } });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ id: expect.any(String) });
    expect(fake.requests[0]).toMatchObject({ platform: 'api', path: '/api-reply/hooks/desk' });
  });

  it('answers unknown routes 404 with a JSON body, and records them', async () => {
    const outside = await call(`${fake.url}/nowhere`);
    expect(outside.status).toBe(404);
    expect(outside.json).toMatchObject({ error: 'not_found' });
    const inside = await call(`${fake.baseUrls.telegram}/botT/getUpdates`, { body: {} });
    expect(inside.status).toBe(404);
    expect(inside.json).toMatchObject({ ok: false, error_code: 404 });
    expect(fake.requests.map((r) => r.platform)).toEqual(['unknown', 'telegram']);
  });

  describe('behaviour', () => {
    const tweet = () => call(`${fake.baseUrls.x}/2/tweets`, { headers: auth, body: { text: 'hi' } });

    it('failNext fails that many calls with the platform error shape, then answers normally', async () => {
      fake.behave({ failNext: 2 });
      const meta = await call(`${fake.baseUrls.facebook}/1/comments`, { headers: auth, body: { message: 'x' } });
      expect(meta.status).toBe(500);
      expect(meta.json.error).toMatchObject({ message: expect.any(String), type: 'OAuthException', code: 2, fbtrace_id: expect.any(String) });
      const x = await tweet();
      expect(x.status).toBe(500);
      expect(x.json).toMatchObject({ title: 'Internal Server Error', status: 500, detail: expect.any(String), type: expect.any(String) });
      expect((await tweet()).status).toBe(201);
    });

    it('failNext takes failStatus and failBody, and can be limited to a platform', async () => {
      fake.behave({ failNext: 1, failStatus: 503, failBody: 'upstream down', platform: 'postmark' });
      expect((await tweet()).status).toBe(201);
      const res = await call(`${fake.baseUrls.email}/email`, { headers: { 'X-Postmark-Server-Token': 't' }, body: { To: 'a@b.c' } });
      expect(res.status).toBe(503);
      expect(res.text).toBe('upstream down');
      expect(fake.requests.map((r) => r.status)).toEqual([201, 503]);
    });

    it.each([
      ['telegram', () => call(`${fake.baseUrls.telegram}/botT/sendMessage`, { body: { chat_id: 1, text: 'x' } }), { ok: false, error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } }],
      ['x', () => tweet(), { title: 'Too Many Requests', status: 429, type: 'about:blank', detail: expect.any(String) }],
      ['postmark', () => call(`${fake.baseUrls.email}/email`, { headers: { 'X-Postmark-Server-Token': 't' }, body: { To: 'a@b.c' } }), { ErrorCode: 429, Message: expect.any(String) }],
      ['linkedin', () => call(`${fake.baseUrls.linkedin}/socialActions/urn%3Ali%3Ashare%3A1/comments`, { body: {} }), { status: 429, serviceErrorCode: 101, code: 'TOO_MANY_REQUESTS', message: expect.any(String) }],
      ['youtube', () => call(`${fake.baseUrls.youtube}/commentThreads?part=snippet`), { error: { code: 429, message: expect.any(String), errors: [expect.objectContaining({ reason: 'rateLimitExceeded' })] } }],
      ['meta', () => call(`${fake.baseUrls.facebook}/1/replies`, { body: {} }), { error: expect.objectContaining({ code: 4, type: 'OAuthException' }) }],
    ] as const)('throttleNext answers %s with 429, Retry-After and its rate-limit body', async (_name, send, body) => {
      fake.behave({ throttleNext: 1, retryAfterSeconds: 7 });
      const res = await send();
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.json).toEqual(body);
      expect((await send()).status).not.toBe(429);
    });

    it('throttles X with its rate-limit headers, default Retry-After 1', async () => {
      fake.behave({ throttleNext: 1 });
      const res = await tweet();
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.headers.get('x-rate-limit-remaining')).toBe('0');
      expect(Number(res.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);
    });

    it('delayMs holds each answer', async () => {
      fake.behave({ delayMs: 300 });
      const started = Date.now();
      expect((await tweet()).status).toBe(201);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    });

    it('permanentError fails every call with that status and message until reset', async () => {
      fake.behave({ permanentError: { status: 403, message: 'The caller does not have permission' } });
      for (let i = 0; i < 3; i++) {
        const res = await call(`${fake.baseUrls.youtube}/comments?part=snippet`, { headers: auth, body: { snippet: { parentId: 'UgzKp4Qx9rN2mB7vL1Z4AaABAg', textOriginal: 'x' } } });
        expect(res.status).toBe(403);
        expect(res.json.error).toMatchObject({ code: 403, message: 'The caller does not have permission' });
      }
      const meta = await call(`${fake.baseUrls.facebook}/1/comments`, { headers: auth, body: { message: 'x' } });
      expect(meta.json.error).toMatchObject({ message: 'The caller does not have permission', code: 10 });
      fake.reset();
      expect((await tweet()).status).toBe(201);
    });
  });

  describe('control endpoints', () => {
    it('set behaviour, list requests and reset over HTTP', async () => {
      const set = await call(`${fake.url}/_control/behaviour`, { body: { failNext: 1, failStatus: 502 } });
      expect(set.status).toBe(200);
      expect(set.json.behaviour).toEqual({ failNext: 1, failStatus: 502 });
      expect((await call(`${fake.baseUrls.api}`, { body: {} })).status).toBe(502);
      expect((await call(`${fake.baseUrls.api}`, { body: {} })).status).toBe(200);
      const listed = await call(`${fake.url}/_control/requests`);
      expect(listed.json.items.map((r: { status: number; platform: string }) => [r.platform, r.status])).toEqual([
        ['api', 502],
        ['api', 200],
      ]);
      const cleared = await call(`${fake.url}/_control/behaviour`, { body: { failStatus: null, delayMs: 5 } });
      expect(cleared.json.behaviour).toEqual({ failNext: 0, delayMs: 5 });
      expect((await call(`${fake.url}/_control/reset`, { method: 'POST' })).status).toBe(200);
      expect(fake.requests).toHaveLength(0);
      expect((await call(`${fake.url}/_control/behaviour`)).json.behaviour).toEqual({});
    });

    it('refuses an invalid behaviour, naming each problem', async () => {
      const res = await call(`${fake.url}/_control/behaviour`, { body: { failNext: -1, throttle: 2, platform: 'myspace' } });
      expect(res.status).toBe(400);
      expect(res.json.problems).toHaveLength(3);
    });

    it('sets YouTube lists and mentions over HTTP', async () => {
      const list = { kind: 'youtube#commentThreadListResponse', items: [{ id: 'T1', snippet: { videoId: 'v' } }] };
      expect((await call(`${fake.url}/_control/youtube`, { body: { commentThreads: list } })).status).toBe(200);
      expect((await call(`${fake.baseUrls.youtube}/commentThreads?part=snippet`, { headers: auth })).json.items[0].id).toBe('T1');
      const mention = { '42': { text: 'hey', username: 'u', timestamp: '2025-01-01T00:00:00+0000' } };
      expect((await call(`${fake.url}/_control/mentions`, { body: mention })).status).toBe(200);
      const fields = encodeURIComponent('mentioned_comment.comment_id(42){text}');
      expect((await call(`${fake.baseUrls.instagram}/9?fields=${fields}`, { headers: auth })).json).toEqual({ mentioned_comment: { id: '42', text: 'hey' }, id: '9' });
      expect((await call(`${fake.url}/_control/youtube`, { body: { commentThreads: 3 } })).status).toBe(400);
      expect(fake.requests.every((r) => !r.path.startsWith('/_control'))).toBe(true);
    });
  });

  describe('waitForRequests', () => {
    it('resolves once enough matching requests were answered', async () => {
      const waiting = fake.waitForRequests(2, 2000, (r) => r.platform === 'api');
      await call(`${fake.baseUrls.x}/2/tweets`, { headers: auth, body: { text: 'x' } });
      await call(`${fake.baseUrls.api}/a`, { body: {} });
      await call(`${fake.baseUrls.api}/b`, { body: {} });
      const got = await waiting;
      expect(got.map((r) => r.path)).toEqual(['/api-reply/a', '/api-reply/b']);
    });

    it('rejects after the timeout, saying what it saw', async () => {
      await call(`${fake.baseUrls.api}/a`, { body: {} });
      await expect(fake.waitForRequests(2, 100)).rejects.toThrow(/got 1: POST \/api-reply\/a -> 200/);
    });
  });
});
