import { ADMIN_EMAIL, ADMIN_PASSWORD, createMember, signIn, startTestDesk, TestDesk } from '../support/desk';
import { conversationDetail, conversationsOf, createChannel, deliver, settled, TestChannel } from '../support/inbox';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** The generic api channel drives the whole inbox: threading, idempotency, edits, statuses, listing, search. */
describe('inbox over the generic api channel', () => {
  let desk: TestDesk;
  let admin: string;
  let channel: TestChannel;
  let seq = 0;
  const event = (fields: Record<string, unknown>) => ({
    id: `evt-${++seq}`,
    kind: 'comment',
    author: { id: 'cust-1', name: 'Giulia Rossi', username: 'giulia', followers: 1200 },
    text: 'hello',
    createdAt: new Date(Date.UTC(2026, 0, 1, 10, 0, seq)).toISOString(),
    ...fields,
  });
  const send = async (body: unknown) => {
    const res = await deliver(desk, channel, JSON.stringify(body));
    expect(res.status).toBe(200);
    expect(await settled(desk, admin, channel.id)).toEqual([]);
  };
  const byText = async (text: string) => (await conversationsOf(desk, admin, { channelId: channel.id, q: text }))[0]!;

  beforeAll(async () => {
    desk = await startTestDesk();
    admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    channel = await createChannel(desk, admin, 'api');
  });
  afterAll(() => desk.shutdown());

  it('stores an event once however often it is delivered, and a changed text is an edit that keeps the old one', async () => {
    const original = event({ id: 'same-1', text: 'Il tavolo per quattro è ancora libero?' });
    for (let i = 0; i < 3; i++) await send(original);
    await send({ ...original, text: 'Il tavolo per cinque è ancora libero?' });
    await send({ ...original, text: 'Il tavolo per cinque è ancora libero?' });
    const [conversation, ...others] = await conversationsOf(desk, admin, { q: 'tavolo' });
    expect(others).toEqual([]);
    expect(conversation).toMatchObject({
      channelId: channel.id,
      channelType: 'api',
      kind: 'comment',
      status: 'open',
      contact: { name: 'Giulia Rossi', username: 'giulia', followers: 1200, influence: 'medium' },
      sla: { state: 'none' },
    });
    const detail = await conversationDetail(desk, admin, conversation!.id);
    expect(detail.messages).toHaveLength(1);
    expect(detail.messages[0]).toMatchObject({
      direction: 'inbound',
      externalId: 'same-1',
      text: 'Il tavolo per cinque è ancora libero?',
      edited: true,
      previousTexts: [{ text: 'Il tavolo per quattro è ancora libero?' }],
      author: { type: 'contact', id: conversation!.contact.id, name: 'Giulia Rossi' },
      createdAt: original.createdAt,
    });
  });

  it('threads replies by inReplyTo, then threadId, DMs by author, and starts a conversation per root comment', async () => {
    await send(event({ id: 'root-a', text: 'Root comment alpha' }));
    await send(event({ id: 'reply-a', text: 'A reply under alpha', inReplyTo: 'root-a', author: { id: 'cust-2', name: 'Mark' } }));
    await send(event({ id: 'root-b', text: 'Root comment beta' }));
    await send(event({ id: 't-1', text: 'Thread gamma first', threadId: 'gamma' }));
    await send(event({ id: 't-2', text: 'Thread gamma second', threadId: 'gamma', author: { id: 'cust-3' } }));
    await send(event({ id: 'dm-1', kind: 'message', text: 'Direct one', author: { id: 'dm-person' } }));
    await send({ events: [event({ id: 'dm-2', kind: 'message', text: 'Direct two', author: { id: 'dm-person' } }), event({ id: 'dm-3', kind: 'message', text: 'Direct three', author: { id: 'other-person' } })] });

    const alpha = await conversationDetail(desk, admin, (await byText('alpha')).id);
    expect(alpha.messages.map((m) => m.externalId)).toEqual(['root-a', 'reply-a']);
    expect(alpha.contact.name).toBe('Giulia Rossi');
    expect(alpha.messages[1]!.author.name).toBe('Mark');
    expect((await byText('beta')).id).not.toBe(alpha.id);
    const gamma = await conversationDetail(desk, admin, (await byText('gamma')).id);
    expect(gamma.messages.map((m) => m.externalId)).toEqual(['t-1', 't-2']);
    const direct = await conversationDetail(desk, admin, (await byText('Direct one')).id);
    expect(direct.kind).toBe('message');
    expect(direct.messages.map((m) => m.externalId)).toEqual(['dm-1', 'dm-2']);
    expect((await byText('three')).id).not.toBe(direct.id);
  });

  it('counts a fromBusiness event as our answer and a new inbound message reopens a resolved conversation', async () => {
    await send(event({ id: 'reopen-1', text: 'Where is my refund?' }));
    const conversation = await byText('refund');
    expect(conversation.waitingSince).toBe(new Date(Date.UTC(2026, 0, 1, 10, 0, seq)).toISOString());
    await send(event({ id: 'reopen-2', text: 'We sent the refund today', inReplyTo: 'reopen-1', fromBusiness: true, author: { id: 'brand', name: 'Brand' } }));
    let detail = await conversationDetail(desk, admin, conversation.id);
    expect(detail.messages[1]).toMatchObject({ direction: 'outbound', author: { type: 'business', name: 'Brand' } });
    expect(detail.waitingSince).toBeNull();

    const resolved = await desk.http().post(`/api/conversations/${conversation.id}/status`).set(bearer(admin)).send({ status: 'resolved' });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    await send(event({ id: 'reopen-3', text: 'Not arrived yet', inReplyTo: 'reopen-2' }));
    detail = await conversationDetail(desk, admin, conversation.id);
    expect(detail.status).toBe('open');
    expect(detail.messages).toHaveLength(3);
  });

  it('snoozes until a time in the future, sets pending, tags, and writes notes that are never sent', async () => {
    await send(event({ id: 'status-1', text: 'Status playground' }));
    const { id } = await byText('playground');
    const post = (body: object) => desk.http().post(`/api/conversations/${id}/status`).set(bearer(admin)).send(body);
    expect((await post({ status: 'snoozed' })).body.code).toBe('VALIDATION_FAILED');
    expect((await post({ status: 'snoozed', snoozeUntil: '2020-01-01T00:00:00.000Z' })).status).toBe(400);
    expect((await post({ status: 'closed' })).status).toBe(400);
    const until = new Date(Date.now() + 3_600_000).toISOString();
    expect((await post({ status: 'snoozed', snoozeUntil: until })).body).toMatchObject({ status: 'snoozed', snoozedUntil: until });
    expect((await post({ status: 'pending' })).body).toMatchObject({ status: 'pending', snoozedUntil: null });

    const tagged = await desk.http().put(`/api/conversations/${id}/tags`).set(bearer(admin)).send({ tags: [' VIP ', 'refund', 'vip'] });
    expect(tagged.body.tags).toEqual(['refund', 'vip']);
    expect((await conversationsOf(desk, admin, { tag: 'vip' })).map((c) => c.id)).toEqual([id]);

    const note = await desk.http().post(`/api/conversations/${id}/notes`).set(bearer(admin)).send({ text: 'Checked with the kitchen' });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ direction: 'note', text: 'Checked with the kitchen', author: { type: 'user' } });
    expect(note.body.deliveryStatus).toBeUndefined();
    expect((await desk.http().post(`/api/conversations/${id}/notes`).set(bearer(admin)).send({ text: '   ' })).status).toBe(400);
  });

  it('lists with keyset pages that neither repeat nor skip while new conversations arrive', async () => {
    const listChannel = await createChannel(desk, admin, 'api', { secret: 'paging-secret' });
    const post = async (id: string, minute: number) => {
      const res = await deliver(desk, listChannel, JSON.stringify(event({ id, text: `paging ${id}`, createdAt: new Date(Date.UTC(2026, 1, 1, 9, minute)).toISOString() })));
      expect(res.status).toBe(200);
      await settled(desk, admin, listChannel.id);
    };
    for (let i = 0; i < 7; i++) await post(`page-${i}`, i);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await desk.http().get('/api/conversations').query({ channelId: listChannel.id, limit: 3, ...(cursor ? { cursor } : {}) }).set(bearer(admin));
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor ?? undefined;
      if (pages++ === 0) await post('page-new', 59);
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const bad = await desk.http().get('/api/conversations').query({ cursor: 'not-a-cursor' }).set(bearer(admin));
    expect({ status: bad.status, code: bad.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await desk.http().get('/api/conversations').query({ status: 'weird', limit: 1000 }).set(bearer(admin))).body.message).toHaveLength(2);
  });

  it('searches message text with Italian and English stemming', async () => {
    await send(event({ id: 'fts-it', text: 'Vorrei prenotare un tavolo per domenica' }));
    await send(event({ id: 'fts-en', text: 'We booked the terrace for our anniversary' }));
    expect((await conversationsOf(desk, admin, { q: 'prenotazione' })).length).toBe(1);
    expect((await conversationsOf(desk, admin, { q: 'booking' })).length).toBe(1);
    expect((await conversationsOf(desk, admin, { q: 'nonexistentword' })).length).toBe(0);
  });

  it('merges two contacts into one with both identities', async () => {
    await send(event({ id: 'merge-1', text: 'First identity', author: { id: 'merge-a', name: 'Anna' } }));
    await send(event({ id: 'merge-2', text: 'Second identity', author: { id: 'merge-b', username: 'anna_f', followers: 50 } }));
    const a = (await byText('First identity')).contact.id;
    const second = await byText('Second identity');
    const merged = await desk.http().post(`/api/contacts/${a}/merge`).set(bearer(admin)).send({ contactId: second.contact.id });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ id: a, name: 'Anna', username: 'anna_f', followers: 50 });
    expect(merged.body.identities.map((i: { externalId: string }) => i.externalId).sort()).toEqual(['merge-a', 'merge-b']);
    expect((await conversationDetail(desk, admin, second.id)).contact.id).toBe(a);
    expect((await desk.http().get(`/api/contacts/${second.contact.id}`).set(bearer(admin))).status).toBe(404);
    expect((await desk.http().post(`/api/contacts/${a}/merge`).set(bearer(admin)).send({ contactId: a })).body.code).toBe('CONTACTS_SAME');
    // The merged identity keeps landing on the surviving contact.
    await send(event({ id: 'merge-3', text: 'Third from b', author: { id: 'merge-b' } }));
    expect((await byText('Third from b')).contact.id).toBe(a);
  });

  it('lets only admins manage channels and never returns a secret', async () => {
    const agent = await createMember(desk, admin, 'agent');
    expect((await desk.http().post('/api/channels').set(bearer(agent.token)).send({ type: 'api', name: 'x', config: { secret: 's' } })).status).toBe(403);
    const list = await desk.http().get('/api/channels').set(bearer(agent.token));
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain('api-channel-secret');
    const missing = await desk.http().post('/api/channels').set(bearer(admin)).send({ type: 'facebook', name: 'FB', config: { pageId: '1', bogus: 1 } });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toEqual(
      expect.arrayContaining([expect.stringContaining('config.bogus'), expect.stringContaining('config.appSecret'), expect.stringContaining('config.verifyToken'), expect.stringContaining('config.pageAccessToken')]),
    );
    expect((await desk.http().post('/api/channels').set(bearer(admin)).send({ type: 'fax', name: 'x', config: {} })).status).toBe(400);

    const created = await desk.http().post('/api/channels').set(bearer(admin)).send({ type: 'api', name: ' Shop ', config: { secret: 'first-secret', replyUrl: 'http://127.0.0.1:9/reply' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: 'api', name: 'Shop', config: { replyUrl: 'http://127.0.0.1:9/reply' }, secretsSet: ['secret'] });
    expect(created.body.webhookUrl).toMatch(new RegExp(`/webhooks/${created.body.id}$`));
    expect(JSON.stringify(created.body)).not.toContain('first-secret');
    const rotated = await desk.http().patch(`/api/channels/${created.body.id}`).set(bearer(admin)).send({ name: 'Shop 2', config: { secret: 'second-secret', replyUrl: null } });
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ name: 'Shop 2', config: {}, secretsSet: ['secret'] });
    const shop: TestChannel = { id: created.body.id, type: 'api', config: { secret: 'first-secret', apiBaseUrl: '' } };
    expect((await deliver(desk, shop, JSON.stringify(event({})))).status).toBe(403);
    expect((await deliver(desk, { ...shop, config: { secret: 'second-secret', apiBaseUrl: '' } }, JSON.stringify(event({ id: 'shop-1', text: 'kept after delete' })))).status).toBe(200);
    await settled(desk, admin, shop.id);

    expect((await desk.http().delete(`/api/channels/${shop.id}`).set(bearer(admin))).status).toBe(204);
    expect((await desk.http().get(`/api/channels/${shop.id}`).set(bearer(admin))).status).toBe(404);
    expect((await deliver(desk, { ...shop, config: { secret: 'second-secret', apiBaseUrl: '' } }, JSON.stringify(event({})))).status).toBe(404);
    expect((await conversationsOf(desk, admin, { channelId: shop.id })).length).toBe(1);
  });
});
