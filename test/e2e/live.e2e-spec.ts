import { ADMIN_EMAIL, ADMIN_PASSWORD, createMember, signIn, startTestDesk, TestDesk } from '../support/desk';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { conversationDetail, conversationsOf, createChannel, deliver, eventually, TestChannel } from '../support/inbox';
import { connected, liveClient, refused } from '../support/live';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('live desk over socket.io', () => {
  let desk: TestDesk;
  let admin: string;
  let channel: TestChannel;
  let n = 0;
  const inbound = (thread: string, text: string) =>
    deliver(
      desk,
      channel,
      JSON.stringify({
        id: `live-${++n}`,
        kind: 'comment',
        threadId: thread,
        author: { id: `cust-${thread}`, name: `Customer ${thread}`, followers: 10 },
        text,
        createdAt: new Date().toISOString(),
      }),
    );

  beforeAll(async () => {
    desk = await startTestDesk({ PRESENCE_GRACE_MS: '300' });
    admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    channel = await createChannel(desk, admin, 'api');
  });
  afterAll(() => desk.shutdown());

  it('refuses a missing, tampered or expired token with connect_error and a code', async () => {
    expect((await refused(desk.url, {})).data?.code).toBe('TOKEN_MISSING');
    const tampered = admin.slice(0, -3) + (admin.endsWith('abc') ? 'xyz' : 'abc');
    expect((await refused(desk.url, { token: tampered })).data?.code).toBe('TOKEN_INVALID');
    expect((await refused(desk.url, { token: 'not-a-jwt' })).data?.code).toBe('TOKEN_INVALID');
    expect((await refused(desk.url, { token: admin, lastSeq: 'soon' })).data?.code).toBe('VALIDATION_FAILED');
  });

  it('pushes a new conversation and its message to an admin as soon as the webhook is answered', async () => {
    const live = await connected(desk.url, { token: admin });
    const res = await inbound('t-first', 'Hello live desk');
    expect(res.status).toBe(200);
    const answered = Date.now();
    const created = await live.waitFor((r) => r.name === 'conversation.created');
    const message = await live.waitFor((r) => r.name === 'message.created');
    expect(created.body).toMatchObject({ type: 'conversation.created', workspaceId: expect.any(String), conversation: { channelId: channel.id, status: 'open' } });
    expect(message.body).toMatchObject({ conversationId: created.body.conversation.id, message: { text: 'Hello live desk', direction: 'inbound' } });
    expect(message.body.seq).toBe(created.body.seq + 1);
    expect(message.at - answered).toBeLessThan(2_000);
    live.close();
  });

  const conversationOf = async (thread: string) =>
    eventually(async () => (await conversationsOf(desk, admin, { q: thread }))[0], 10_000, `conversation ${thread}`);
  const note = (conversationId: string, text: string, token = admin) =>
    desk.http().post(`/api/conversations/${conversationId}/notes`).set(bearer(token)).send({ text });

  it('a client away while 50 events happen gets all 50 in order on reconnect, once each, then live ones, even with commits during its replay', async () => {
    await inbound('t-replay', 'replay thread');
    const conversation = await conversationOf('t-replay');
    const first = await connected(desk.url, { token: admin });
    await note(conversation.id, 'before the gap');
    const seen = await first.waitFor((r) => r.name === 'message.created' && r.body.message.text === 'before the gap');
    const lastSeq = seen.body.seq as number;
    first.close();

    for (let i = 0; i < 50; i++) expect((await note(conversation.id, `gap ${i}`)).status).toBe(201);
    // More commits race the replay: they must come exactly once, either in the replay or live.
    const racing = Promise.all(Array.from({ length: 20 }, (_, i) => note(conversation.id, `race ${i}`)));
    const again = await connected(desk.url, { token: admin, lastSeq });
    await racing;
    await note(conversation.id, 'after the race');
    await again.waitFor((r) => r.name === 'message.created' && r.body.message.text === 'after the race');

    const texts = again.logged().map((r) => r.body.message?.text);
    expect(texts.slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => `gap ${i}`));
    const seqs = again.logged().map((r) => r.body.seq as number);
    // A lead sees every logged event of the workspace: consecutive seqs, no gap, no repeat.
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => lastSeq + 1 + i));
    expect(texts.filter((t) => t?.startsWith('race ')).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `race ${i}`).sort());
    again.close();
  });

  it('tells a client whose lastSeq is ahead of the log to reload', async () => {
    const live = await connected(desk.url, { token: admin, lastSeq: 10_000_000 });
    expect(live.received.find((r) => r.name === 'sync.required')?.body).toMatchObject({ reason: 'unknown_seq' });
    live.close();
  });

  it('presence follows connections: online on connect, away by choice, offline after the grace period', async () => {
    const agent = await createMember(desk, admin, 'agent');
    const watcher = await connected(desk.url, { token: admin });
    const presence = async () =>
      ((await desk.http().get('/api/presence').set(bearer(admin))).body.items as Array<{ userId: string; status: string }>).find((p) => p.userId === agent.id)?.status;

    const tab1 = await connected(desk.url, { token: agent.token });
    const tab2 = await connected(desk.url, { token: agent.token });
    await watcher.waitFor((r) => r.name === 'presence.updated' && r.body.userId === agent.id && r.body.status === 'online');
    expect(await presence()).toBe('online');
    expect(await tab1.emitAck('presence.set', { status: 'away' })).toEqual({ ok: true });
    await watcher.waitFor((r) => r.name === 'presence.updated' && r.body.userId === agent.id && r.body.status === 'away');

    tab1.close();
    await new Promise((r) => setTimeout(r, 800));
    expect(await presence()).toBe('away');
    tab2.close();
    await watcher.waitFor((r) => r.name === 'presence.updated' && r.body.userId === agent.id && r.body.status === 'offline', 5_000);
    expect(await presence()).toBe('offline');
    watcher.close();
  });

  it('viewers of a conversation see who else is on it and who is typing; others cannot join it', async () => {
    await inbound('t-view', 'viewed thread');
    const conversation = await conversationOf('t-view');
    const lead = await createMember(desk, admin, 'lead');
    const stranger = await createMember(desk, admin, 'agent');
    const a = await connected(desk.url, { token: admin });
    const b = await connected(desk.url, { token: lead.token });
    const c = await connected(desk.url, { token: stranger.token });

    expect(await a.emitAck('conversation.view', { conversationId: conversation.id })).toEqual({ ok: true });
    expect(await b.emitAck('conversation.view', { conversationId: conversation.id })).toEqual({ ok: true });
    const both = await a.waitFor((r) => r.name === 'conversation.viewers' && r.body.viewers.length === 2);
    expect(both.body.conversationId).toBe(conversation.id);
    expect(await c.emitAck('conversation.view', { conversationId: conversation.id })).toMatchObject({ ok: false, code: 'CONVERSATION_NOT_FOUND' });

    expect(await b.emitAck('conversation.typing', { conversationId: conversation.id })).toEqual({ ok: true });
    const typing = await a.waitFor((r) => r.name === 'conversation.viewers' && r.body.viewers.some((v: any) => v.userId === lead.id && v.typing));
    expect(typing.body.viewers.find((v: any) => v.userId !== lead.id)).toMatchObject({ typing: false });

    expect(await b.emitAck('conversation.leave', { conversationId: conversation.id })).toEqual({ ok: true });
    // After the typing update in arrival order: under load both can arrive within the same millisecond.
    await a.waitFor((r) => r.name === 'conversation.viewers' && r.body.viewers.length === 1 && a.received.indexOf(r) > a.received.indexOf(typing));
    for (const x of [a, b, c]) x.close();
  });

  it('validates every client message and limits how fast a connection may send', async () => {
    const live = await connected(desk.url, { token: admin });
    expect(await live.emitAck('conversation.view', { conversationId: 'nope' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await live.emitAck('presence.set', { status: 'dancing', extra: 1 })).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      message: expect.arrayContaining(['property extra should not exist', 'status must be one of: online, away']),
    });
    live.socket.emit('no.such.event', {});
    await live.waitFor((r) => r.name === 'desk.error' && r.body.code === 'VALIDATION_FAILED');
    const answers = await Promise.all(Array.from({ length: 40 }, () => live.emitAck('presence.set', { status: 'online' })));
    expect(answers.filter((a) => a.code === 'RATE_LIMITED').length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.ok).length).toBeGreaterThan(0);
    live.close();

    // A flood far past the budget is cut off rather than served slowly.
    const flooder = liveClient(desk.url, { token: admin });
    await flooder.waitFor((r) => r.name === 'replay.done');
    const gone = new Promise<string>((resolve) => flooder.socket.once('disconnect', (reason) => resolve(reason)));
    for (let i = 0; i < 300; i++) flooder.socket.emit('presence.set', { status: 'online' });
    expect(await gone).toBe('io server disconnect');
  });

  it('a client that vanishes in the middle of its replay costs nothing: the desk goes on serving others', async () => {
    await inbound('t-vanish', 'vanish thread');
    const conversation = await conversationOf('t-vanish');
    await Promise.all(Array.from({ length: 30 }, (_, i) => note(conversation.id, `bulk ${i}`)));
    for (let i = 0; i < 5; i++) {
      const ghost = liveClient(desk.url, { token: admin, lastSeq: 0 });
      await ghost.waitFor((r) => r.name === 'message.created' || r.name === 'conversation.created', 5_000);
      ghost.socket.disconnect();
    }
    const healthy = await connected(desk.url, { token: admin });
    await note(conversation.id, 'still live');
    await healthy.waitFor((r) => r.name === 'message.created' && r.body.message.text === 'still live');
    healthy.close();
    expect((await desk.http().get('/health')).status).toBe(200);
  });

  it("an echo of our reply that arrives before the platform's answer is shown, then folded into the reply, live", async () => {
    let echoChannel: TestChannel | undefined;
    const platform = createServer((req, res) => {
      let raw = '';
      req.on('data', (d: Buffer) => (raw += d.toString()));
      req.on('end', async () => {
        const sent = JSON.parse(raw) as { threadId: string | null; text: string };
        const externalId = `platform-${Date.now()}`;
        // The platform tells us about the business's own message before it answers the call that made it.
        await deliver(desk, echoChannel!, JSON.stringify({ id: externalId, kind: 'comment', threadId: sent.threadId, fromBusiness: true, author: { id: 'brand', name: 'Brand' }, text: sent.text, createdAt: new Date().toISOString() }));
        await eventually(async () => (await conversationsOf(desk, admin, { q: 'echoing' })).length > 0 && (await desk.http().get(`/api/channels/${echoChannel!.id}/events?status=pending`).set(bearer(admin))).body.items.length === 0, 10_000, 'the echo');
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: externalId }));
      });
    });
    await new Promise<void>((r) => platform.listen(0, '127.0.0.1', r));
    const replyUrl = `http://127.0.0.1:${(platform.address() as AddressInfo).port}/reply`;
    echoChannel = await createChannel(desk, admin, 'api', { secret: 'echo-secret', replyUrl });
    const body = { id: 'echo-root', kind: 'comment', threadId: 'echo-thread', author: { id: 'c-echo', name: 'Echo Customer' }, text: 'echoing question', createdAt: new Date().toISOString() };
    expect((await deliver(desk, echoChannel, JSON.stringify(body))).status).toBe(200);
    const conversation = await conversationOf('echoing');
    const live = await connected(desk.url, { token: admin });
    const reply = await desk.http().post(`/api/conversations/${conversation.id}/replies`).set(bearer(admin)).send({ text: 'our answer' });
    expect(reply.status).toBe(201);

    const echo = await live.waitFor((r) => r.name === 'message.created' && r.body.message.author.type === 'business');
    const folded = await live.waitFor((r) => r.name === 'message.updated' && r.body.message.id === echo.body.message.id);
    expect(folded.body).toMatchObject({ removed: true, replacedBy: reply.body.id, message: { deleted: true } });
    const sent = await live.waitFor((r) => r.name === 'message.updated' && r.body.message.id === reply.body.id);
    expect(sent.body.message).toMatchObject({ deliveryStatus: 'sent', externalId: echo.body.message.externalId });
    expect((await conversationDetail(desk, admin, conversation.id)).messages.map((m) => m.text)).toEqual(['echoing question', 'our answer']);
    live.close();
    platform.close();
  });

  it('new activity travels inside message.created; a reopened conversation also gets conversation.updated', async () => {
    await inbound('t-activity', 'first');
    const conversation = await conversationOf('t-activity');
    const live = await connected(desk.url, { token: admin });
    await inbound('t-activity', 'second');
    const second = await live.waitFor((r) => r.name === 'message.created' && r.body.message.text === 'second');
    expect(second.body.conversation).toMatchObject({ id: conversation.id, status: 'open', lastMessageAt: second.body.message.createdAt });

    expect((await desk.http().post(`/api/conversations/${conversation.id}/status`).set(bearer(admin)).send({ status: 'resolved' })).status).toBe(200);
    await live.waitFor((r) => r.name === 'conversation.updated' && r.body.conversation.status === 'resolved');
    await inbound('t-activity', 'third');
    const reopened = await live.waitFor((r) => r.name === 'conversation.updated' && r.body.conversation.status === 'open');
    const third = await live.waitFor((r) => r.name === 'message.created' && r.body.message.text === 'third');
    expect(reopened.body.seq).toBe(third.body.seq + 1);
    expect(live.logged().filter((r) => r.name === 'conversation.updated')).toHaveLength(2);
    live.close();
  });
});
