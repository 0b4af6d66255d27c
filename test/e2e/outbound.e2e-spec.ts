import { createHmac } from 'node:crypto';
import type { ChannelType } from '../../libs/channels/src';
import { fixtureBytes, type FixturePlatform } from '../../libs/channels/src/testing/fixtures';
import { startFakePlatform } from '../../apps/simulator/src/fake-platform';
import type { FakePlatform, RecordedRequest } from '../../apps/simulator/src/fake-platform';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createMember, signIn, startTestDesk, TestDesk } from '../support/desk';
import { conversationDetail, conversationsOf, createChannel, deliver, eventually, FIXTURE_CONFIG, settled, TestChannel } from '../support/inbox';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Replies leave through each platform's real API shape to the fake platform, with retries, failures and echoes. */
describe('outbound replies through the fake platform', () => {
  let desk: TestDesk;
  let fake: FakePlatform;
  let admin: string;
  const channels = new Map<string, TestChannel>();

  const channel = async (type: ChannelType, extra: Record<string, string> = {}) => {
    const key = `${type}:${JSON.stringify(extra)}`;
    if (!channels.has(key)) {
      const base: Record<string, string> = type === 'api' ? { replyUrl: `${fake.baseUrls.api}/hook` } : { apiBaseUrl: fake.baseUrls[type] };
      channels.set(key, await createChannel(desk, admin, type, { ...FIXTURE_CONFIG[type], ...base, ...extra }));
    }
    return channels.get(key)!;
  };
  /** Delivers a fixture (or bytes) and returns the conversation it landed in. */
  const inbound = async (ch: TestChannel, body: Buffer) => {
    expect((await deliver(desk, ch, body)).status).toBe(200);
    expect(await settled(desk, admin, ch.id)).toEqual([]);
    return (await conversationsOf(desk, admin, { channelId: ch.id }))[0]!;
  };
  const reply = async (conversationId: string, text: string) => {
    const res = await desk.http().post(`/api/conversations/${conversationId}/replies`).set(bearer(admin)).send({ text });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ direction: 'outbound', text, deliveryStatus: 'queued', author: { type: 'user' } });
    return res.body.id as string;
  };
  const finalState = (conversationId: string, messageId: string, states = ['sent', 'failed']) =>
    eventually(async () => {
      const message = (await conversationDetail(desk, admin, conversationId)).messages.find((m) => m.id === messageId)!;
      return states.includes(message.deliveryStatus) ? message : undefined;
    }, 20_000, `reply ${messageId} to settle`);
  const requestsTo = (fragment: string) => fake.requests.filter((r) => r.method === 'POST' && r.path.includes(fragment));

  beforeAll(async () => {
    fake = await startFakePlatform();
    desk = await startTestDesk({ RETRY_BASE_MS: '100', RETRY_MAX_ATTEMPTS: '4', WORKER_POLL_MS: '50' });
    admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterEach(() => fake.reset());
  afterAll(async () => {
    await desk.shutdown();
    await fake.close();
  });

  const cases: Array<{ type: ChannelType; fixture: [FixturePlatform, string]; check: (r: RecordedRequest, text: string) => void }> = [
    {
      type: 'facebook',
      fixture: ['facebook_page', 'comment_add.json'],
      check: (r, text) => {
        expect(r.path).toBe('/graph/v23.0/987654321098765_1122334455667788/comments');
        expect(r.json).toMatchObject({ message: text });
        expect(r.headers.authorization).toBe('Bearer fb-page-token');
      },
    },
    {
      type: 'whatsapp',
      fixture: ['whatsapp', 'message_text.json'],
      check: (r, text) => {
        expect(r.path).toBe('/graph/v23.0/109876543210987/messages');
        expect(r.json).toMatchObject({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '393471234567', type: 'text', text: { body: text } });
      },
    },
    {
      type: 'x',
      fixture: ['x_twitter', 'tweet_mention.json'],
      check: (r, text) => {
        expect(r.path).toBe('/x/2/tweets');
        expect(r.json).toEqual({ text, reply: { in_reply_to_tweet_id: '1801234567890123456' } });
      },
    },
    {
      type: 'telegram',
      fixture: ['telegram', 'message_private.json'],
      check: (r, text) => {
        expect(r.path).toBe(`/telegram/bot${FIXTURE_CONFIG.telegram.botToken}/sendMessage`);
        expect(r.json).toMatchObject({ text, reply_parameters: { message_id: 52 } });
        expect(String((r.json as { chat_id: unknown }).chat_id)).toBe('123456789');
      },
    },
    {
      type: 'linkedin',
      fixture: ['linkedin', 'org_comment.json'],
      check: (r, text) => {
        expect(r.path.startsWith('/linkedin/rest/socialActions/')).toBe(true);
        expect(r.headers['x-restli-protocol-version']).toBe('2.0.0');
        expect(r.json).toMatchObject({ actor: FIXTURE_CONFIG.linkedin.organizationUrn, message: { text } });
      },
    },
    {
      type: 'email',
      fixture: ['email', 'postmark_new_thread.json'],
      check: (r, text) => {
        expect(r.path).toBe('/postmark/email');
        expect(r.headers['x-postmark-server-token']).toBe('postmark-server-token');
        const mail = r.json as { To: string; Subject: string; TextBody: string; ReplyTo: string; Headers: Array<{ Name: string; Value: string }> };
        expect(mail).toMatchObject({ From: 'support@dagino.example', To: expect.stringContaining('emma.clarke@example.co.uk'), TextBody: text, MessageStream: 'outbound' });
        expect(mail.Subject).toMatch(/^Re: Private dinner/);
        expect(mail.ReplyTo).toMatch(/^support\+conv_[0-9a-f]+@dagino\.example$/);
        expect(mail.Headers).toEqual(expect.arrayContaining([{ Name: 'In-Reply-To', Value: '<CAF8kq1xY2zW3vU4tS5rQ6pO7nM8lK9jI0hG1fE2dC3bA4@mail.gmail.com>' }]));
      },
    },
  ];

  it.each(cases)('answers a $type conversation with the body the platform expects, queued -> sent', async ({ type, fixture, check }) => {
    const ch = await channel(type);
    const conversation = await inbound(ch, fixtureBytes(...fixture));
    const text = `Grazie! Ci vediamo presto 🍝 (${type})`;
    const id = await reply(conversation.id, text);
    const sent = await finalState(conversation.id, id);
    expect(sent.deliveryStatus).toBe('sent');
    const calls = fake.requests.filter((r) => r.method === 'POST');
    expect(calls).toHaveLength(1);
    check(calls[0]!, text);
    expect(sent.externalId).toBeTruthy();
    expect((await conversationDetail(desk, admin, conversation.id)).waitingSince).toBeNull();
  });

  it('signs generic api replies and threads the e-mail answer to our Message-ID', async () => {
    const api = await channel('api');
    const conversation = await inbound(api, Buffer.from(JSON.stringify({ id: 'ask-1', kind: 'message', author: { id: 'shopper' }, text: 'Is it in stock?' })));
    const id = await reply(conversation.id, 'Yes, it is');
    expect((await finalState(conversation.id, id)).deliveryStatus).toBe('sent');
    const [call] = requestsTo('/api-reply/hook');
    expect(call!.json).toEqual({ messageId: id, conversationId: conversation.id, threadId: null, inReplyTo: 'ask-1', text: 'Yes, it is' });
    expect(call!.headers['x-signature']).toBe(`sha256=${createHmac('sha256', 'api-channel-secret').update(call!.body).digest('hex')}`);

    // The customer answers our e-mail: In-Reply-To names the Message-ID we sent, so it joins the thread.
    const email = await channel('email');
    const thread = (await conversationsOf(desk, admin, { channelId: email.id }))[0]!;
    const ours = (await conversationDetail(desk, admin, thread.id)).messages.find((m) => m.direction === 'outbound')!;
    const answer = JSON.parse(fixtureBytes('email', 'postmark_new_thread.json').toString('utf8'));
    answer.Subject = 'A different subject entirely';
    answer.MessageID = 'postmark-answer-1';
    answer.Headers = [{ Name: 'Message-ID', Value: '<answer-1@mail.gmail.com>' }, { Name: 'In-Reply-To', Value: ours.externalId }];
    answer.MailboxHash = '';
    answer.StrippedTextReply = 'Perfect, see you then';
    expect((await deliver(desk, email, JSON.stringify(answer))).status).toBe(200);
    await settled(desk, admin, email.id);
    expect((await conversationDetail(desk, admin, thread.id)).messages.map((m) => m.text)).toContain('Perfect, see you then');
  });

  it('matches the echo of our reply instead of storing it twice, and takes delivery statuses', async () => {
    const fb = await channel('facebook');
    const conversation = (await conversationsOf(desk, admin, { channelId: fb.id }))[0]!;
    const id = await reply(conversation.id, 'Sì, siamo aperti tutto agosto ☀️');
    const sent = await finalState(conversation.id, id);
    const echo = JSON.parse(fixtureBytes('facebook_page', 'comment_by_page_echo.json').toString('utf8'));
    echo.entry[0].changes[0].value.comment_id = sent.externalId;
    echo.entry[0].changes[0].value.message = 'Sì, siamo aperti tutto agosto ☀️';
    expect((await deliver(desk, fb, JSON.stringify(echo))).status).toBe(200);
    await settled(desk, admin, fb.id);
    const after = await conversationDetail(desk, admin, conversation.id);
    expect(after.messages.filter((m) => m.externalId === sent.externalId)).toHaveLength(1);
    expect(after.messages.find((m) => m.id === id)!.author.type).toBe('user');

    const wa = await channel('whatsapp');
    const waConversation = (await conversationsOf(desk, admin, { channelId: wa.id }))[0]!;
    const waId = await reply(waConversation.id, 'Arriva domani mattina 📦');
    const waSent = await finalState(waConversation.id, waId);
    const status = JSON.parse(fixtureBytes('whatsapp', 'status_read.json').toString('utf8'));
    status.entry[0].changes[0].value.statuses[0].id = waSent.externalId;
    expect((await deliver(desk, wa, JSON.stringify(status))).status).toBe(200);
    await settled(desk, admin, wa.id);
    expect((await conversationDetail(desk, admin, waConversation.id)).messages.find((m) => m.id === waId)!.deliveryStatus).toBe('read');
  });

  it('retries 5xx and 429 until the platform recovers', async () => {
    const tg = await channel('telegram');
    const conversation = (await conversationsOf(desk, admin, { channelId: tg.id }))[0]!;
    fake.behave({ failNext: 2, failStatus: 502 });
    const id = await reply(conversation.id, 'after two failures');
    expect((await finalState(conversation.id, id)).deliveryStatus).toBe('sent');
    expect(requestsTo('sendMessage').map((r) => r.status)).toEqual([502, 502, 200]);

    fake.reset();
    fake.behave({ throttleNext: 1, retryAfterSeconds: 1 });
    const throttled = await reply(conversation.id, 'after a 429');
    expect((await finalState(conversation.id, throttled)).deliveryStatus).toBe('sent');
    const [first, second] = requestsTo('sendMessage');
    expect(first!.status).toBe(429);
    expect(Date.parse(second!.at) - Date.parse(first!.at)).toBeGreaterThanOrEqual(900);
  });

  it('ends failed with the platform reason: at once on a permanent 4xx, after the last attempt on 5xx', async () => {
    const tg = await channel('telegram');
    const conversation = (await conversationsOf(desk, admin, { channelId: tg.id }))[0]!;
    fake.behave({ permanentError: { status: 400, message: 'Bad Request: chat not found' } });
    const permanent = await reply(conversation.id, 'to a closed chat');
    const failed = await finalState(conversation.id, permanent);
    expect(failed).toMatchObject({ deliveryStatus: 'failed', deliveryError: expect.stringContaining('chat not found') });
    expect(requestsTo('sendMessage')).toHaveLength(1);

    fake.reset();
    fake.behave({ failNext: 100, failStatus: 503 });
    const exhausted = await reply(conversation.id, 'while it is down');
    expect(await finalState(conversation.id, exhausted)).toMatchObject({ deliveryStatus: 'failed', deliveryError: expect.stringContaining('503') });
    expect(requestsTo('sendMessage')).toHaveLength(4);
  });

  it('keeps supervisors from replying and refuses replies on a deleted channel', async () => {
    const api = await channel('api', { secret: 'short-lived' });
    const conversation = await inbound(api, Buffer.from(JSON.stringify({ id: 'gone-1', kind: 'comment', author: { id: 'c' }, text: 'hello' })));
    const supervisor = await createMember(desk, admin, 'supervisor');
    const denied = await desk.http().post(`/api/conversations/${conversation.id}/replies`).set(bearer(supervisor.token)).send({ text: 'hi' });
    expect(denied.status).toBe(403);
    expect((await desk.http().delete(`/api/channels/${api.id}`).set(bearer(admin))).status).toBe(204);
    const refused = await desk.http().post(`/api/conversations/${conversation.id}/replies`).set(bearer(admin)).send({ text: 'hi' });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 409, code: 'CHANNEL_DELETED' });
  });

  it('shows an event whose processing keeps failing, and replays it once the cause is gone', async () => {
    const ig = await channel('instagram');
    fake.behave({ permanentError: { status: 500, message: 'Graph is down' }, method: 'GET' });
    expect((await deliver(desk, ig, fixtureBytes('instagram', 'mention_in_comment.json'))).status).toBe(200);
    const failed = (await settled(desk, admin, ig.id)) as Array<{ id: string; attempts: number; lastError: string }>;
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ attempts: 4, lastError: expect.stringContaining('Graph is down') });
    expect(await conversationsOf(desk, admin, { channelId: ig.id })).toEqual([]);

    fake.reset();
    const replay = await desk.http().post(`/api/channels/${ig.id}/events/${failed[0]!.id}/replay`).set(bearer(admin));
    expect(replay.body).toEqual({ replayed: 1 });
    expect(await settled(desk, admin, ig.id)).toEqual([]);
    const [mention] = await conversationsOf(desk, admin, { channelId: ig.id });
    expect(mention).toMatchObject({ kind: 'mention' });
    const raw = await desk.http().get(`/api/channels/${ig.id}/events/${failed[0]!.id}`).set(bearer(admin));
    expect(raw.body).toMatchObject({ status: 'processed', body: fixtureBytes('instagram', 'mention_in_comment.json').toString('utf8') });
  });
});
