import { Client } from 'pg';
import { startFakePlatform } from '../../apps/simulator/src/fake-platform';
import type { FakePlatform } from '../../apps/simulator/src/fake-platform';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createMember, signIn, startTestDesk, type TestDesk } from '../support/desk';
import { bearer, expectCode, messages, NO_SUCH, type Member } from '../support/http';
import { conversationDetail, createChannel, deliver, eventually, settled, type TestChannel } from '../support/inbox';

/**
 * The reply policy on real replies: blocked before anything is stored, held without an outbox row until a lead
 * decides, warnings carried on sent replies; approved replies reach the fake platform once, even when two leads
 * approve at the same moment.
 */
describe('reply policy', () => {
  let fake: FakePlatform;
  let desk: TestDesk;
  let sql: Client;
  let admin: string;
  let lead: Member;
  let agent: Member;
  let outsider: Member;
  let supervisor: Member;
  let channel: TestChannel;
  let care: string;
  let seq = 0;

  const policy = {
    blockTerms: ['idiot', 'class action'],
    warnTerms: ['guarantee'],
    approvalTopics: [
      { name: 'Legal', terms: ['lawyer', 'avvocato'] },
      { name: 'Refunds', terms: [] },
    ],
  };

  /** A new conversation of the given kind, in the Care role (or the one given), assigned to the agent. */
  async function conversation(kind: 'comment' | 'mention' | 'message', roleId = care): Promise<string> {
    const id = `rp-${++seq}`;
    const body = { id, kind, author: { id: `customer-${seq}`, name: `Customer ${seq}` }, text: `question ${seq}` };
    expect((await deliver(desk, channel, JSON.stringify(body))).status).toBe(200);
    expect(await settled(desk, admin, channel.id)).toEqual([]);
    const { rows } = await sql.query<{ conversation_id: string }>(`SELECT conversation_id FROM messages WHERE channel_id = $1 AND external_id = $2`, [channel.id, id]);
    const conversationId = rows[0]!.conversation_id;
    const res = await desk.http().post(`/api/conversations/${conversationId}/assignment`).set(bearer(lead.token)).send({ roleId, assigneeId: agent.id });
    expect(res.status).toBe(200);
    return conversationId;
  }
  const reply = (token: string, conversationId: string, text: string) => desk.http().post(`/api/conversations/${conversationId}/replies`).set(bearer(token)).send({ text });
  const decide = (token: string, conversationId: string, messageId: string, decision: 'approve' | 'reject', body: Record<string, unknown> = {}) =>
    desk.http().post(`/api/conversations/${conversationId}/replies/${messageId}/${decision}`).set(bearer(token)).send(body);
  const check = (token: string, conversationId: string, text: string) => desk.http().post(`/api/conversations/${conversationId}/replies/check`).set(bearer(token)).send({ text });
  const count = async (query: string, params: unknown[]) => Number((await sql.query<{ n: string }>(query, params)).rows[0]!.n);
  const outboxRows = (messageId: string) => count(`SELECT count(*) AS n FROM outbox WHERE message_id = $1`, [messageId]);
  const sentWith = (text: string) => fake.requests.filter((r) => r.method === 'POST' && (r.json as { text?: string } | undefined)?.text === text);
  const deliveryOf = async (conversationId: string, messageId: string) =>
    (await conversationDetail(desk, admin, conversationId)).messages.find((m) => m.id === messageId)?.deliveryStatus as string | undefined;
  const untilSent = (conversationId: string, messageId: string) =>
    eventually(async () => (await deliveryOf(conversationId, messageId)) === 'sent', 20_000, `reply ${messageId} to be sent`);
  const eventsOf = async (messageId: string) =>
    (await sql.query<{ type: string }>(`SELECT type FROM domain_events WHERE payload->'message'->>'id' = $1 ORDER BY seq`, [messageId])).rows.map((r) => r.type);
  /** Long enough for the outbound worker (polling every 50 ms) to have sent anything it was going to send. */
  const quietly = () => new Promise((r) => setTimeout(r, 600));

  beforeAll(async () => {
    fake = await startFakePlatform();
    desk = await startTestDesk({ RETRY_BASE_MS: '100', RETRY_MAX_ATTEMPTS: '4', WORKER_POLL_MS: '50' });
    sql = new Client({ connectionString: desk.db.url });
    await sql.connect();
    admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    lead = await createMember(desk, admin, 'lead');
    agent = await createMember(desk, admin, 'agent');
    outsider = await createMember(desk, admin, 'agent');
    supervisor = await createMember(desk, admin, 'supervisor');
    channel = await createChannel(desk, admin, 'api', { secret: 'api-channel-secret', replyUrl: `${fake.baseUrls.api}/hook` });
    care = (await desk.http().post('/api/roles').set(bearer(lead.token)).send({ name: 'Care' })).body.id;
    expect((await desk.http().put(`/api/roles/${care}/members`).set(bearer(lead.token)).send({ members: [{ userId: agent.id }] })).status).toBe(200);
  });
  afterAll(async () => {
    await sql?.end();
    await desk?.shutdown();
    await fake?.close();
  });

  describe('the policy itself', () => {
    it('is empty until set; leads and admins set it, everyone reads it', async () => {
      expect((await desk.http().get('/api/reply-policy').set(bearer(agent.token))).body).toEqual({
        blockTerms: [],
        warnTerms: [],
        approvalTopics: [],
        updatedAt: null,
        updatedBy: null,
      });
      expectCode(await desk.http().put('/api/reply-policy').set(bearer(agent.token)).send(policy), 403, 'ACCESS_DENIED');
      expectCode(await desk.http().put('/api/reply-policy').set(bearer(supervisor.token)).send(policy), 403, 'ACCESS_DENIED');
      const saved = await desk.http().put('/api/reply-policy').set(bearer(lead.token)).send(policy);
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({ ...policy, updatedBy: { id: lead.id, name: 'Test lead' } });
      expect((await desk.http().get('/api/reply-policy').set(bearer(supervisor.token))).body).toMatchObject(policy);
    });

    it('names every problem of a bad policy and keeps the old one', async () => {
      const res = await desk.http().put('/api/reply-policy').set(bearer(admin)).send({ blockTerms: ['ok', ''], warnTerms: 'free', approvalTopics: [{ name: 'A', terms: [] }, { name: 'a' }], extra: 1 });
      expectCode(res, 400, 'VALIDATION_FAILED');
      expect(messages(res)).toEqual(['extra: property extra should not exist']);
      const bad = await desk.http().put('/api/reply-policy').set(bearer(admin)).send({ blockTerms: ['ok', ''], warnTerms: 'free', approvalTopics: [{ name: 'A', terms: [] }, { name: 'a' }] });
      expectCode(bad, 400, 'VALIDATION_FAILED');
      expect(messages(bad)).toEqual([
        'blockTerms[1] must be a text of 1 to 100 characters',
        'warnTerms must be a list of words or phrases',
        'approvalTopics[1].name repeats approvalTopics[0].name "a"',
      ]);
      expect((await desk.http().get('/api/reply-policy').set(bearer(agent.token))).body).toMatchObject(policy);
    });
  });

  describe('block terms', () => {
    it('refuse a public reply: 422 naming the terms, no message and no outbox row, not even a lead', async () => {
      const id = await conversation('comment');
      const before = await count(`SELECT count(*) AS n FROM outbox`, []);
      for (const token of [agent.token, lead.token]) {
        const res = await reply(token, id, 'Only an IDIOT would join a class-action');
        expectCode(res, 422, 'REPLY_BLOCKED');
        expect(messages(res).join(' ')).toContain('"idiot", "class action"');
      }
      expect(await count(`SELECT count(*) AS n FROM messages WHERE conversation_id = $1 AND direction = 'outbound'`, [id])).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM outbox`, [])).toBe(before);
      await quietly();
      expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
      // Notes are never subject to the policy.
      expect((await desk.http().post(`/api/conversations/${id}/notes`).set(bearer(agent.token)).send({ text: 'what an idiot' })).status).toBe(201);
    });

    it('only warn in a private conversation: the reply is sent, carrying policyWarnings', async () => {
      const id = await conversation('message');
      const res = await reply(agent.token, id, 'Sorry, our idiot courier lost it. I guarantee a new one');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ deliveryStatus: 'queued', policyWarnings: ['guarantee', 'idiot'] });
      expect(res.body.hold).toBeUndefined();
      await untilSent(id, res.body.id);
      expect(sentWith('Sorry, our idiot courier lost it. I guarantee a new one')).toHaveLength(1);
      expect((await conversationDetail(desk, agent.token, id)).messages.find((m) => m.id === res.body.id)).toMatchObject({ policyWarnings: ['guarantee', 'idiot'] });
    });
  });

  it('warn terms let a public reply out, carrying policyWarnings', async () => {
    const id = await conversation('mention');
    const res = await reply(agent.token, id, 'We guarantee it!');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ deliveryStatus: 'queued', policyWarnings: ['guarantee'] });
    await untilSent(id, res.body.id);
  });

  describe('approval topics', () => {
    it('hold a reply mentioning a topic term: stored held with the reason, no outbox row, not sent, pushed live', async () => {
      const id = await conversation('comment');
      const res = await reply(agent.token, id, 'Our lawyer will call you tomorrow');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        direction: 'outbound',
        deliveryStatus: 'held',
        hold: { reason: 'Needs a lead\'s approval: Legal (mentions "lawyer")', topics: ['Legal'], terms: ['lawyer'], heldAt: expect.any(String) },
      });
      expect(await outboxRows(res.body.id)).toBe(0);
      expect(await eventsOf(res.body.id)).toEqual(['message.created']);
      // The agent sees why it waits.
      const seen = (await conversationDetail(desk, agent.token, id)).messages.find((m) => m.id === res.body.id);
      expect(seen).toMatchObject({ deliveryStatus: 'held', hold: { reason: expect.stringContaining('Legal') } });
      // Nothing reached the customer, who still waits.
      expect((await conversationDetail(desk, agent.token, id)).waitingSince).not.toBeNull();
      await quietly();
      expect(sentWith('Our lawyer will call you tomorrow')).toHaveLength(0);
    });

    it("hold any reply in a conversation tagged with a topic's name", async () => {
      const id = await conversation('message');
      expect((await desk.http().put(`/api/conversations/${id}/tags`).set(bearer(lead.token)).send({ tags: ['Refunds'] })).status).toBe(200);
      const res = await reply(agent.token, id, 'We are looking into it');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ deliveryStatus: 'held', hold: { topics: ['Refunds'], terms: [], reason: "Needs a lead's approval: Refunds (conversation tagged)" } });
    });

    it("do not hold a lead's or an admin's own reply: it is the approval", async () => {
      const id = await conversation('comment');
      const res = await reply(lead.token, id, 'Our avvocato is aware');
      expect(res.status).toBe(201);
      expect(res.body.deliveryStatus).toBe('queued');
      expect(res.body.hold).toBeUndefined();
      await untilSent(id, res.body.id);
    });

    it('list held replies for leads and admins, oldest first', async () => {
      expectCode(await desk.http().get('/api/replies/held').set(bearer(agent.token)), 403, 'ACCESS_DENIED');
      const res = await desk.http().get('/api/replies/held').set(bearer(lead.token));
      expect(res.status).toBe(200);
      const items = res.body.items as Array<{ message: { text: string; createdAt: string; deliveryStatus: string }; conversationId: string }>;
      expect(items.map((i) => i.message.text)).toEqual(['Our lawyer will call you tomorrow', 'We are looking into it']);
      expect(items.every((i) => i.message.deliveryStatus === 'held' && typeof i.conversationId === 'string')).toBe(true);
    });
  });

  describe('decisions', () => {
    const held = async (text: string) => {
      const id = await conversation('comment');
      const res = await reply(agent.token, id, text);
      expect(res.body.deliveryStatus).toBe('held');
      return { conversationId: id, messageId: res.body.id as string };
    };

    it('an approved reply is queued, sent once to the platform, and the customer no longer waits', async () => {
      const { conversationId, messageId } = await held('The lawyer says yes');
      expectCode(await decide(agent.token, conversationId, messageId, 'approve'), 403, 'ACCESS_DENIED');
      const res = await decide(lead.token, conversationId, messageId, 'approve');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: messageId, deliveryStatus: 'queued', hold: { topics: ['Legal'], decidedBy: { id: lead.id, name: 'Test lead' }, decidedAt: expect.any(String) } });
      await untilSent(conversationId, messageId);
      expect(sentWith('The lawyer says yes')).toHaveLength(1);
      expect((await conversationDetail(desk, agent.token, conversationId)).waitingSince).toBeNull();
      expect(await eventsOf(messageId)).toEqual(expect.arrayContaining(['message.created', 'message.updated']));
      expectCode(await decide(lead.token, conversationId, messageId, 'approve'), 409, 'REPLY_NOT_HELD');
      expectCode(await decide(lead.token, conversationId, messageId, 'reject'), 409, 'REPLY_NOT_HELD');
      await quietly();
      expect(sentWith('The lawyer says yes')).toHaveLength(1);
    });

    it('two leads approving at the same moment send it once', async () => {
      for (let round = 0; round < 3; round++) {
        const text = `Lawyer approved, round ${round}`;
        const { conversationId, messageId } = await held(text);
        const answers = await Promise.all([decide(lead.token, conversationId, messageId, 'approve'), decide(admin, conversationId, messageId, 'approve')]);
        expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
        expect(answers.find((a) => a.status === 409)!.body.code).toBe('REPLY_NOT_HELD');
        expect(await outboxRows(messageId)).toBeLessThanOrEqual(1);
        await untilSent(conversationId, messageId);
        await quietly();
        expect(sentWith(text)).toHaveLength(1);
      }
    });

    it('a rejected reply stays, with the reason, and is never sent', async () => {
      const { conversationId, messageId } = await held('Our lawyer thinks you are wrong');
      const res = await decide(lead.token, conversationId, messageId, 'reject', { reason: '  Not our tone  ' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ deliveryStatus: 'rejected', hold: { decidedBy: { id: lead.id }, decisionNote: 'Not our tone', reason: expect.stringContaining('Legal') } });
      expect((await conversationDetail(desk, agent.token, conversationId)).messages.find((m) => m.id === messageId)).toMatchObject({
        deliveryStatus: 'rejected',
        hold: { decisionNote: 'Not our tone' },
      });
      expectCode(await decide(lead.token, conversationId, messageId, 'approve'), 409, 'REPLY_NOT_HELD');
      expect(await outboxRows(messageId)).toBe(0);
      await quietly();
      expect(sentWith('Our lawyer thinks you are wrong')).toHaveLength(0);
      const stillHeld = (await desk.http().get('/api/replies/held').set(bearer(admin))).body.items.map((i: { message: { id: string } }) => i.message.id);
      expect(stillHeld).not.toContain(messageId);
    });

    it("a rejected reply restarts the assignee's acceptance timer, which holding it had stopped, unless someone answered since", async () => {
      const timed = (await desk.http().post('/api/roles').set(bearer(lead.token)).send({ name: 'Timed care', acceptanceSeconds: 600 })).body.id as string;
      expect((await desk.http().put(`/api/roles/${timed}/members`).set(bearer(lead.token)).send({ members: [{ userId: agent.id }] })).status).toBe(200);
      const dueOf = async (id: string) => (await conversationDetail(desk, lead.token, id)).acceptDueAt as string | null;

      const id = await conversation('comment', timed);
      expect(await dueOf(id)).not.toBeNull();
      const heldReply = await reply(agent.token, id, 'My lawyer will handle it');
      expect(heldReply.body.deliveryStatus).toBe('held');
      expect(await dueOf(id)).toBeNull();
      const before = Date.now();
      expect((await decide(lead.token, id, heldReply.body.id, 'reject')).status).toBe(200);
      const due = Date.parse((await dueOf(id))!);
      expect(due - before).toBeGreaterThanOrEqual(599_000);
      expect(due - Date.now()).toBeLessThanOrEqual(600_000);

      // An answer sent after the held one is the assignee acting: rejecting the held one does not restart the timer.
      const answered = await conversation('comment', timed);
      const heldAgain = await reply(agent.token, answered, 'Our lawyer is on it');
      expect(heldAgain.body.deliveryStatus).toBe('held');
      expect((await reply(agent.token, answered, 'A plain answer meanwhile')).status).toBe(201);
      expect((await decide(lead.token, answered, heldAgain.body.id, 'reject')).status).toBe(200);
      expect(await dueOf(answered)).toBeNull();
    });

    it('an approval does not override a block term added since the reply was held', async () => {
      const { conversationId, messageId } = await held('The lawyer mentioned a scam');
      expect((await desk.http().put('/api/reply-policy').set(bearer(lead.token)).send({ ...policy, blockTerms: [...policy.blockTerms, 'scam'] })).status).toBe(200);
      expectCode(await decide(lead.token, conversationId, messageId, 'approve'), 422, 'REPLY_BLOCKED');
      expect(await deliveryOf(conversationId, messageId)).toBe('held');
      expect((await desk.http().put('/api/reply-policy').set(bearer(lead.token)).send(policy)).status).toBe(200);
    });

    it('answers 404 for an unknown reply or one of another conversation, 409 for a reply never held', async () => {
      const { conversationId, messageId } = await held('Lawyer, again');
      const other = await conversation('comment');
      expectCode(await decide(lead.token, other, messageId, 'approve'), 404, 'MESSAGE_NOT_FOUND');
      expectCode(await decide(lead.token, conversationId, NO_SUCH, 'reject'), 404, 'MESSAGE_NOT_FOUND');
      expectCode(await decide(lead.token, NO_SUCH, messageId, 'approve'), 404, 'CONVERSATION_NOT_FOUND');
      const plain = await reply(agent.token, other, 'A plain answer');
      expectCode(await decide(lead.token, other, plain.body.id, 'approve'), 409, 'REPLY_NOT_HELD');
      expectCode(await decide(lead.token, conversationId, messageId, 'reject', { reason: 7 }), 400, 'VALIDATION_FAILED');
    });
  });

  describe('the check endpoint', () => {
    it('tells the reply box what would happen, for the caller, storing nothing', async () => {
      const id = await conversation('comment');
      const before = await count(`SELECT count(*) AS n FROM messages WHERE conversation_id = $1`, [id]);
      expect((await check(agent.token, id, 'you idiot')).body).toMatchObject({ verdict: 'block', blockTerms: ['idiot'], reason: expect.stringContaining('"idiot"') });
      expect((await check(agent.token, id, 'the lawyer will call')).body).toMatchObject({ verdict: 'hold', topics: ['Legal'], topicTerms: ['lawyer'] });
      expect((await check(lead.token, id, 'the lawyer will call')).body).toMatchObject({ verdict: 'send', topics: ['Legal'], reason: null });
      expect((await check(agent.token, id, 'guarantee')).body).toMatchObject({ verdict: 'warn', warnings: ['guarantee'] });
      expect((await check(agent.token, id, 'all good')).body).toEqual({ verdict: 'send', blockTerms: [], warnTerms: [], warnings: [], topics: [], topicTerms: [], reason: null });
      expect(await count(`SELECT count(*) AS n FROM messages WHERE conversation_id = $1`, [id])).toBe(before);
      expectCode(await check(outsider.token, id, 'hello'), 404, 'CONVERSATION_NOT_FOUND');
      expectCode(await check(supervisor.token, id, 'hello'), 403, 'ACCESS_DENIED');
      expectCode(await check(agent.token, id, '  '), 400, 'VALIDATION_FAILED');
    });
  });
});
