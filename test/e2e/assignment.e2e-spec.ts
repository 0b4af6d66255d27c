import { randomUUID } from 'node:crypto';
import { bearer, expectCode, messages, NO_SUCH, type Member } from '../support/http';
import { createMember } from '../support/desk';
import { conversationsOf, createChannel, deliver, settled, TestChannel } from '../support/inbox';
import { createRole, insertConversation, insertConversations, setRoleMembers, type Placement } from '../support/routing';
import { admin, agent, agent2, desk, lead, otherWorkspace, sql, supervisor, useTaskForce, workspaceId } from '../support/task-force';



describe('assignment of conversations', () => {
  useTaskForce();
  let outsiderAgent: Member;
  let channel: TestChannel;
  let care: string;
  let sales: string;
  let otherAdmin: string;
  let otherWorkspaceId: string;
  let otherChannel: TestChannel;

  const assign = (token: string, id: string, body: Record<string, unknown>) => desk.http().post(`/api/conversations/${id}/assignment`).set(bearer(token)).send(body);
  const bulk = (token: string, body: Record<string, unknown>) => desk.http().post('/api/conversations/bulk-assignment').set(bearer(token)).send(body);

  const insert = (n: number, fields: Placement = {}) => insertConversations(sql, workspaceId, channel.id, n, fields);
  const one = (fields: Placement = {}) => insertConversation(sql, workspaceId, channel.id, fields);
  const current = async (id: string) => (await sql.query(`SELECT role_id, assignee_id FROM conversations WHERE id = $1`, [id])).rows[0] as { role_id: string | null; assignee_id: string | null };
  const assignedEvents = async (conversationId: string) =>
    (await sql.query(`SELECT seq, role_ids, user_ids, payload FROM domain_events WHERE type = 'conversation.assigned' AND conversation_id = $1 ORDER BY seq`, [conversationId])).rows as Array<{
      seq: string;
      role_ids: string[];
      user_ids: string[];
      payload: Record<string, any>;
    }>;
  const setMembers = (roleId: string, ids: string[]) => setRoleMembers(desk, lead.token, roleId, ids);

  beforeAll(async () => {
    outsiderAgent = await createMember(desk, admin, 'agent');
    channel = await createChannel(desk, admin, 'api');
    care = await createRole(desk, lead.token, { name: 'Customer care' });
    sales = await createRole(desk, lead.token, { name: 'Sales' });
    await setMembers(care, [agent.id, agent2.id]);
    await setMembers(sales, [outsiderAgent.id]);
    ({ id: otherWorkspaceId, admin: otherAdmin } = await otherWorkspace(desk, admin));
    otherChannel = await createChannel(desk, otherAdmin, 'api');
  });

  describe('by a lead or an admin', () => {
    it('assigns a delivered conversation to a role and a person, answering the Conversation', async () => {
      expect((await deliver(desk, channel, JSON.stringify({ id: 'a-1', kind: 'comment', author: { id: 'cust-a' }, text: 'assign me please' }))).status).toBe(200);
      expect(await settled(desk, admin, channel.id)).toEqual([]);
      const [conversation] = await conversationsOf(desk, admin, { q: 'assign me please' });
      const res = await assign(lead.token, conversation!.id, { roleId: care, assigneeId: agent.id, reason: '  first contact  ' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: conversation!.id, channelId: channel.id, status: 'open', roleId: care, assigneeId: agent.id, contact: { id: expect.any(String) } });
      expect((await desk.http().get(`/api/conversations/${conversation!.id}`).set(bearer(agent.token))).body).toMatchObject({ roleId: care, assigneeId: agent.id });
      const [event] = await assignedEvents(conversation!.id);
      expect(event!.payload).toMatchObject({
        conversation: { id: conversation!.id, roleId: care, assigneeId: agent.id },
        previous: { roleId: null, assigneeId: null },
        by: { type: 'user', id: lead.id, name: 'Test lead' },
        reason: 'first contact',
      });
      expect(event!.role_ids).toEqual([care]);
      expect(event!.user_ids).toEqual([agent.id]);
    });

    it('reassigns: the event names the previous assignee and role in its audience', async () => {
      const id = await one({ roleId: care, assigneeId: agent.id });
      const res = await assign(admin, id, { roleId: sales, assigneeId: outsiderAgent.id });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ roleId: sales, assigneeId: outsiderAgent.id });
      const [event] = await assignedEvents(id);
      expect([...event!.user_ids].sort()).toEqual([agent.id, outsiderAgent.id].sort());
      expect([...event!.role_ids].sort()).toEqual([care, sales].sort());
      expect(event!.payload).toMatchObject({ previous: { roleId: care, assigneeId: agent.id }, reason: null });
      // The previous assignee no longer reads it; the new one does.
      expectCode(await desk.http().get(`/api/conversations/${id}`).set(bearer(agent.token)), 404, 'CONVERSATION_NOT_FOUND');
      expect((await desk.http().get(`/api/conversations/${id}`).set(bearer(outsiderAgent.token))).status).toBe(200);
    });

    it('leaves out what the body leaves out; null unassigns or clears the role', async () => {
      const id = await one({ roleId: care, assigneeId: agent.id });
      expect((await assign(lead.token, id, { roleId: sales })).body).toMatchObject({ roleId: sales, assigneeId: agent.id });
      expect((await assign(lead.token, id, { assigneeId: agent2.id })).body).toMatchObject({ roleId: sales, assigneeId: agent2.id });
      expect((await assign(lead.token, id, { assigneeId: null })).body).toMatchObject({ roleId: sales, assigneeId: null });
      expect((await assign(lead.token, id, { roleId: null })).body).toMatchObject({ roleId: null, assigneeId: null });
      expect(await assignedEvents(id)).toHaveLength(4);
    });

    it('writes nothing when nothing changes', async () => {
      const id = await one({ roleId: care, assigneeId: agent.id });
      const res = await assign(lead.token, id, { roleId: care, assigneeId: agent.id });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ roleId: care, assigneeId: agent.id });
      expect(await assignedEvents(id)).toEqual([]);
    });

    it('may assign someone who is not a member of the role, a lead or themself', async () => {
      const id = await one();
      expect((await assign(lead.token, id, { roleId: care, assigneeId: outsiderAgent.id })).body).toMatchObject({ roleId: care, assigneeId: outsiderAgent.id });
      expect((await assign(lead.token, id, { assigneeId: lead.id })).body).toMatchObject({ assigneeId: lead.id });
    });

    it('refuses bad bodies, naming the fields', async () => {
      const id = await one();
      expectCode(await assign(lead.token, id, {}), 400, 'VALIDATION_FAILED');
      expectCode(await assign(lead.token, id, { reason: 'only a reason' }), 400, 'VALIDATION_FAILED');
      const res = await assign(lead.token, id, { roleId: 'care', assigneeId: 12, reason: 'x'.repeat(501), priority: 'high' });
      expectCode(res, 400, 'VALIDATION_FAILED');
      for (const field of ['roleId', 'assigneeId', 'reason', 'priority']) expect(messages(res).some((m) => m.includes(field))).toBe(true);
      expectCode(await assign(lead.token, 'not-a-uuid', { assigneeId: agent.id }), 400, 'VALIDATION_FAILED');
    });

    it('refuses unknown targets: 404 for a conversation, role or person that is not here; 400 for a supervisor or a deactivated member', async () => {
      const id = await one();
      expectCode(await assign(lead.token, NO_SUCH, { assigneeId: agent.id }), 404, 'CONVERSATION_NOT_FOUND');
      expectCode(await assign(lead.token, id, { roleId: NO_SUCH }), 404, 'ROLE_NOT_FOUND');
      expectCode(await assign(lead.token, id, { assigneeId: NO_SUCH }), 404, 'USER_NOT_FOUND');
      const supervised = await assign(lead.token, id, { assigneeId: supervisor.id });
      expectCode(supervised, 400, 'VALIDATION_FAILED');
      expect(messages(supervised)).toEqual([expect.stringContaining('assigneeId')]);
      const leaving = await createMember(desk, admin, 'agent');
      expect((await desk.http().patch(`/api/users/${leaving.id}`).set(bearer(admin)).send({ active: false })).status).toBe(200);
      expectCode(await assign(lead.token, id, { assigneeId: leaving.id }), 400, 'VALIDATION_FAILED');
      expect(await current(id)).toEqual({ role_id: null, assignee_id: null });
    });

    it("keeps workspaces apart: another workspace's conversation, role and people are 404", async () => {
      const theirRole = await createRole(desk, otherAdmin, { name: 'Theirs' });
      const theirAgent = await createMember(desk, otherAdmin, 'agent');
      const [theirs] = await insertConversations(sql, otherWorkspaceId, otherChannel.id, 1);
      const ours = await one();
      expectCode(await assign(lead.token, theirs!, { assigneeId: agent.id }), 404, 'CONVERSATION_NOT_FOUND');
      expectCode(await assign(otherAdmin, ours, { roleId: theirRole }), 404, 'CONVERSATION_NOT_FOUND');
      expectCode(await assign(lead.token, ours, { roleId: theirRole }), 404, 'ROLE_NOT_FOUND');
      expectCode(await assign(lead.token, ours, { assigneeId: theirAgent.id }), 404, 'USER_NOT_FOUND');
      expect(await current(theirs!)).toEqual({ role_id: null, assignee_id: null });
      expect(await current(ours)).toEqual({ role_id: null, assignee_id: null });
    });
  });

  describe('by an agent', () => {
    it('takes an unassigned conversation of their role for themself, and then reads it as theirs', async () => {
      const id = await one({ roleId: care });
      const res = await assign(agent.token, id, { assigneeId: agent.id, reason: 'mine' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, roleId: care, assigneeId: agent.id });
      expect((await conversationsOf(desk, agent.token, { assigneeId: 'me' })).map((c) => c.id)).toContain(id);
      const [event] = await assignedEvents(id);
      expect(event!.payload).toMatchObject({ by: { type: 'user', id: agent.id }, reason: 'mine', previous: { roleId: care, assigneeId: null } });
      // Taking it again changes nothing.
      expect((await assign(agent.token, id, { assigneeId: agent.id, roleId: care })).status).toBe(200);
      expect(await assignedEvents(id)).toHaveLength(1);
    });

    it('may not assign others, unassign, change the role (403 ASSIGNMENT_NOT_ALLOWED) or take what someone holds (409)', async () => {
      const unassigned = await one({ roleId: care });
      expectCode(await assign(agent.token, unassigned, { assigneeId: agent2.id }), 403, 'ASSIGNMENT_NOT_ALLOWED');
      expectCode(await assign(agent.token, unassigned, { roleId: sales }), 403, 'ASSIGNMENT_NOT_ALLOWED');
      expectCode(await assign(agent.token, unassigned, { roleId: sales, assigneeId: agent.id }), 403, 'ASSIGNMENT_NOT_ALLOWED');
      const held = await one({ roleId: care, assigneeId: agent.id });
      expectCode(await assign(agent.token, held, { assigneeId: null }), 403, 'ASSIGNMENT_NOT_ALLOWED');
      expectCode(await assign(agent2.token, held, { assigneeId: agent2.id }), 409, 'CONVERSATION_ALREADY_ASSIGNED');
      expect(await current(unassigned)).toEqual({ role_id: care, assignee_id: null });
      expect(await current(held)).toEqual({ role_id: care, assignee_id: agent.id });
    });

    it('cannot reach a conversation of a role they are not in, or of no role (404)', async () => {
      expectCode(await assign(agent.token, await one({ roleId: sales }), { assigneeId: agent.id }), 404, 'CONVERSATION_NOT_FOUND');
      expectCode(await assign(agent.token, await one(), { assigneeId: agent.id }), 404, 'CONVERSATION_NOT_FOUND');
    });

    it('may not bulk-assign (403 ACCESS_DENIED)', async () => {
      expectCode(await bulk(agent.token, { conversationIds: [await one({ roleId: care })], assigneeId: agent.id }), 403, 'ACCESS_DENIED');
    });
  });

  describe('by a supervisor', () => {
    it('may not assign at all (403 ACCESS_DENIED), even before the body is checked', async () => {
      const id = await one({ roleId: care });
      expectCode(await assign(supervisor.token, id, { assigneeId: agent.id }), 403, 'ACCESS_DENIED');
      expectCode(await assign(supervisor.token, id, { assigneeId: supervisor.id }), 403, 'ACCESS_DENIED');
      expectCode(await assign(supervisor.token, id, { nonsense: true }), 403, 'ACCESS_DENIED');
      expectCode(await bulk(supervisor.token, { conversationIds: [id], assigneeId: agent.id }), 403, 'ACCESS_DENIED');
      expect(await current(id)).toEqual({ role_id: care, assignee_id: null });
    });

    it('both routes need a token', async () => {
      expectCode(await desk.http().post(`/api/conversations/${NO_SUCH}/assignment`).send({ assigneeId: NO_SUCH }), 401, 'AUTH_REQUIRED');
      expectCode(await desk.http().post('/api/conversations/bulk-assignment').send({ conversationIds: [NO_SUCH] }), 401, 'AUTH_REQUIRED');
    });
  });

  describe('in bulk', () => {
    it('assigns 1000 conversations in one request, one event each', async () => {
      const ids = await insert(1000);
      const res = await bulk(lead.token, { conversationIds: ids, roleId: care, assigneeId: agent2.id, reason: 'morning shift' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ updated: 1000 });
      const stored = await sql.query(`SELECT count(*)::int AS n FROM conversations WHERE id = ANY($1::uuid[]) AND role_id = $2 AND assignee_id = $3`, [ids, care, agent2.id]);
      expect(stored.rows[0].n).toBe(1000);
      const events = await sql.query(
        `SELECT count(DISTINCT conversation_id)::int AS n, count(*)::int AS total FROM domain_events
         WHERE type = 'conversation.assigned' AND conversation_id = ANY($1::uuid[]) AND payload->>'reason' = 'morning shift' AND $2 = ANY(user_ids)`,
        [ids, agent2.id],
      );
      expect(events.rows[0]).toEqual({ n: 1000, total: 1000 });
      const lines = await sql.query(
        `SELECT count(DISTINCT conversation_id)::int AS n, count(*)::int AS total FROM conversation_history
         WHERE conversation_id = ANY($1::uuid[]) AND type = 'assigned' AND reason = 'morning shift' AND actor_id = $2`,
        [ids, lead.id],
      );
      expect(lines.rows[0]).toEqual({ n: 1000, total: 1000 });
      expect((await conversationsOf(desk, agent2.token, { assigneeId: 'me' })).length).toBe(100);
      // The same again changes nothing.
      expect((await bulk(lead.token, { conversationIds: ids, roleId: care, assigneeId: agent2.id })).body).toEqual({ updated: 0 });
    });

    it("skips ids that are not this workspace's conversations, and counts only what changed", async () => {
      const ours = await insert(3);
      const already = await one({ assigneeId: agent.id });
      const [theirs] = await insertConversations(sql, otherWorkspaceId, otherChannel.id, 1);
      const res = await bulk(admin, { conversationIds: [...ours, ours[0]!.toUpperCase(), already, theirs, NO_SUCH], assigneeId: agent.id });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ updated: 3 });
      expect(await current(theirs!)).toEqual({ role_id: null, assignee_id: null });
      for (const id of ours) expect(await current(id)).toEqual({ role_id: null, assignee_id: agent.id });
      const leaked = await sql.query(`SELECT count(*)::int AS n FROM domain_events WHERE workspace_id = $1 AND type = 'conversation.assigned'`, [otherWorkspaceId]);
      expect(leaked.rows[0].n).toBe(0);
    });

    it('refuses bad lists and unknown targets before changing anything', async () => {
      const ids = await insert(2);
      expectCode(await bulk(lead.token, { conversationIds: [], assigneeId: agent.id }), 400, 'VALIDATION_FAILED');
      expectCode(await bulk(lead.token, { conversationIds: Array.from({ length: 1001 }, () => randomUUID()), assigneeId: agent.id }), 400, 'VALIDATION_FAILED');
      const bad = await bulk(lead.token, { conversationIds: [ids[0], 'nope'], assigneeId: agent.id });
      expectCode(bad, 400, 'VALIDATION_FAILED');
      expect(messages(bad).join(' ')).toContain('conversationIds');
      expectCode(await bulk(lead.token, { assigneeId: agent.id }), 400, 'VALIDATION_FAILED');
      expectCode(await bulk(lead.token, { conversationIds: ids }), 400, 'VALIDATION_FAILED');
      expectCode(await bulk(lead.token, { conversationIds: ids, roleId: NO_SUCH }), 404, 'ROLE_NOT_FOUND');
      expectCode(await bulk(lead.token, { conversationIds: ids, assigneeId: NO_SUCH }), 404, 'USER_NOT_FOUND');
      for (const id of ids) expect(await current(id)).toEqual({ role_id: null, assignee_id: null });
    });
  });

  describe('capacity of an agent taking conversations', () => {
    let capped: string;
    const setCapacity = async (capacity: number | null) =>
      expect((await desk.http().put(`/api/roles/${capped}/members`).set(bearer(lead.token)).send({ members: [{ userId: agent.id, capacity }, { userId: agent2.id }] })).status).toBe(200);
    const held = async () => (await sql.query(`SELECT count(*)::int AS n FROM conversations WHERE role_id = $1 AND assignee_id = $2 AND status = 'open'`, [capped, agent.id])).rows[0].n as number;

    beforeAll(async () => {
      capped = await createRole(desk, lead.token, { name: 'Capped', assignment: 'manual' });
    });

    it('refuses a take at capacity with 409 CAPACITY_REACHED; only open conversations of that role count', async () => {
      await setCapacity(2);
      await insert(2, { roleId: capped, assigneeId: agent.id });
      await insert(3, { roleId: care, assigneeId: agent.id });
      const next = await one({ roleId: capped });
      const refused = await assign(agent.token, next, { assigneeId: agent.id });
      expectCode(refused, 409, 'CAPACITY_REACHED');
      expect(await current(next)).toEqual({ role_id: capped, assignee_id: null });
      // Another member with room takes it; resolving one of their own frees the first agent's capacity.
      const spare = await one({ roleId: capped });
      expect((await assign(agent2.token, spare, { assigneeId: agent2.id })).status).toBe(200);
      await sql.query(`UPDATE conversations SET status = 'resolved' WHERE id = (SELECT id FROM conversations WHERE role_id = $1 AND assignee_id = $2 LIMIT 1)`, [capped, agent.id]);
      expect((await assign(agent.token, next, { assigneeId: agent.id })).status).toBe(200);
      expect(await held()).toBe(2);
      // Unlimited again.
      await setCapacity(null);
      expect((await assign(agent.token, await one({ roleId: capped }), { assigneeId: agent.id })).status).toBe(200);
    });

    it('a capacity of 0 takes nothing; a lead may assign over capacity', async () => {
      await setCapacity(0);
      const id = await one({ roleId: capped });
      expectCode(await assign(agent.token, id, { assigneeId: agent.id }), 409, 'CAPACITY_REACHED');
      expect((await assign(lead.token, id, { assigneeId: agent.id, reason: 'they know this customer' })).status).toBe(200);
      expect(await current(id)).toEqual({ role_id: capped, assignee_id: agent.id });
    });

    it('many takes at once never go over capacity', async () => {
      await sql.query(`UPDATE conversations SET status = 'resolved' WHERE role_id = $1`, [capped]);
      await setCapacity(3);
      const ids = await insert(12, { roleId: capped });
      const results = await Promise.all(ids.map((id) => assign(agent.token, id, { assigneeId: agent.id })));
      expect(results.filter((r) => r.status === 200)).toHaveLength(3);
      for (const r of results.filter((x) => x.status !== 200)) expectCode(r, 409, 'CAPACITY_REACHED');
      expect(await held()).toBe(3);
    });
  });

  describe('concurrency', () => {
    it('serializes concurrent assignments of one conversation: every one applies, each event starts where the last ended', async () => {
      const id = await one({ roleId: care });
      const targets = [agent.id, agent2.id, outsiderAgent.id, lead.id, agent.id, agent2.id, outsiderAgent.id, lead.id];
      const results = await Promise.all(targets.map((assigneeId) => assign(lead.token, id, { assigneeId })));
      expect(results.map((r) => r.status)).toEqual(targets.map(() => 200));
      const events = await assignedEvents(id);
      expect(events.length).toBeGreaterThanOrEqual(4);
      let previous: string | null = null;
      for (const e of events) {
        expect(e.payload.previous.assigneeId).toBe(previous);
        expect(e.user_ids).toEqual(expect.arrayContaining([e.payload.conversation.assigneeId, ...(previous ? [previous] : [])]));
        previous = e.payload.conversation.assigneeId;
      }
      expect((await current(id)).assignee_id).toBe(previous);
    });

    it('two agents taking one conversation at once: one gets it, the other a conflict', async () => {
      const id = await one({ roleId: care });
      const [a, b] = await Promise.all([assign(agent.token, id, { assigneeId: agent.id }), assign(agent2.token, id, { assigneeId: agent2.id })]);
      expect([a!.status, b!.status].sort()).toEqual([200, 409]);
      const winner = a!.status === 200 ? agent.id : agent2.id;
      expect((a!.status === 200 ? b! : a!).body.code).toBe('CONVERSATION_ALREADY_ASSIGNED');
      expect(await current(id)).toEqual({ role_id: care, assignee_id: winner });
      expect(await assignedEvents(id)).toHaveLength(1);
    });

    it('a bulk assignment and single assignments over the same conversations do not deadlock or lose a change', async () => {
      const ids = await insert(50);
      const results = await Promise.all([
        bulk(lead.token, { conversationIds: ids, assigneeId: agent.id }),
        bulk(admin, { conversationIds: [...ids].reverse(), roleId: care }),
        ...ids.slice(0, 10).map((id) => assign(lead.token, id, { assigneeId: agent2.id })),
      ]);
      expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
      const stored = await sql.query(`SELECT count(*)::int AS n FROM conversations WHERE id = ANY($1::uuid[]) AND role_id = $2 AND assignee_id IS NOT NULL`, [ids, care]);
      expect(stored.rows[0].n).toBe(50);
      for (const id of ids) {
        const events = await assignedEvents(id);
        const last = events.at(-1)!.payload.conversation;
        expect(await current(id)).toEqual({ role_id: last.roleId, assignee_id: last.assigneeId });
      }
    });

    it('deleting a role while conversations are being assigned to it neither deadlocks nor fails with a 5xx', async () => {
      for (let round = 0; round < 3; round++) {
        const doomed = await createRole(desk, lead.token, { name: `Doomed ${round}` });
        await setMembers(doomed, [agent.id]);
        const ids = await insert(20, { roleId: doomed });
        const results = await Promise.all([
          bulk(lead.token, { conversationIds: ids, roleId: doomed, assigneeId: agent2.id }),
          ...ids.slice(0, 5).map((id) => assign(lead.token, id, { roleId: doomed, assigneeId: agent.id })),
          desk.http().delete(`/api/roles/${doomed}`).set(bearer(lead.token)),
          ...ids.slice(5, 10).map((id) => assign(agent.token, id, { assigneeId: agent.id })),
        ]);
        // 409: an agent came after the bulk assignment had given the conversation to someone else.
        for (const r of results) expect([200, 204, 404, 409]).toContain(r.status);
        const left = await sql.query(`SELECT count(*)::int AS n FROM conversations WHERE id = ANY($1::uuid[]) AND role_id IS NOT NULL`, [ids]);
        expect(left.rows[0].n).toBe(0);
      }
    });
  });
});
