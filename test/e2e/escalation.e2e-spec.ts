import { bearer } from '../support/http';
import { createChannel, eventually, TestChannel } from '../support/inbox';
import { connected, type LiveClient } from '../support/live';
import { createRole, insertConversation, insertConversations, setRoleMembers } from '../support/routing';
import { admin, agent, agent2, desk, lead, sql, useTaskForce, workspaceId } from '../support/task-force';

/**
 * The acceptance timer: an assignee who has not replied within the role's acceptanceSeconds loses the conversation
 * to the escalation role's queue (or their own role's queue), and leads are told live.
 */
describe('escalation on the acceptance timer', () => {
  let channel: TestChannel;
  let front: string;
  let seniors: string;
  let solo: string;
  let untimed: string;
  const clients: LiveClient[] = [];

  const assign = async (id: string, body: Record<string, unknown>) => {
    const res = await desk.http().post(`/api/conversations/${id}/assignment`).set(bearer(lead.token)).send(body);
    expect(res.status).toBe(200);
    return res.body as Record<string, any>;
  };
  const one = (roleId: string) => insertConversation(sql, workspaceId, channel.id, { roleId });
  const detail = async (id: string) => (await desk.http().get(`/api/conversations/${id}`).set(bearer(lead.token))).body as Record<string, any>;
  const history = async (id: string) => (await desk.http().get(`/api/conversations/${id}/history`).set(bearer(lead.token))).body.items as Array<Record<string, any>>;
  const role = (body: Record<string, unknown>) => createRole(desk, lead.token, { assignment: 'manual', ...body });

  // Declared before useTaskForce(), so that it runs first: the live clients close while the desk is still up.
  afterAll(() => {
    for (const c of clients) c.close();
  });
  useTaskForce();
  beforeAll(async () => {
    channel = await createChannel(desk, admin, 'api');
    // Manual roles, so that no automatic assignment hands an escalated conversation straight out again here.
    seniors = await role({ name: 'Seniors' });
    front = await role({ name: 'Front line', acceptanceSeconds: 1, escalationRoleId: seniors });
    solo = await role({ name: 'Solo', acceptanceSeconds: 1 });
    untimed = await role({ name: 'Untimed' });
    for (const r of [front, solo, untimed]) await setRoleMembers(desk, lead.token, r, [agent.id]);
    await setRoleMembers(desk, lead.token, seniors, [agent2.id]);
  });

  it('moves an unanswered conversation to the escalation role, unassigned, with a history line, and tells the lead live', async () => {
    const leadLive = await connected(desk.url, { token: lead.token });
    const agentLive = await connected(desk.url, { token: agent.token });
    const seniorLive = await connected(desk.url, { token: agent2.token });
    clients.push(leadLive, agentLive, seniorLive);
    const id = await one(front);
    const assigned = await assign(id, { assigneeId: agent.id });
    const acceptDue = Date.parse(assigned.acceptDueAt);
    expect(acceptDue - Date.parse(assigned.assignedAt)).toBeGreaterThanOrEqual(900);
    expect(acceptDue - Date.parse(assigned.assignedAt)).toBeLessThanOrEqual(1100);

    const isEscalation = (r: { name: string; body: any }) => r.name === 'conversation.assigned' && r.body.conversation?.id === id && r.body.escalated === true;
    const told = await leadLive.waitFor(isEscalation, 5_000, 'the escalation, live to the lead');
    const escalatedAt = told.at;
    expect(escalatedAt - acceptDue).toBeLessThan(2_000);
    expect(told.body).toMatchObject({
      conversation: { id, roleId: seniors, assigneeId: null, acceptDueAt: null },
      previous: { roleId: front, assigneeId: agent.id },
      by: { type: 'system', id: null, name: 'escalation' },
      reason: 'not answered within 1 s by Test agent',
      escalated: true,
    });
    // The agent who lost it and the escalation role's member see it too.
    await agentLive.waitFor(isEscalation, 2_000, 'the escalation, live to the agent who lost it');
    await seniorLive.waitFor(isEscalation, 2_000, 'the escalation, live to the escalation role');

    expect(await detail(id)).toMatchObject({ roleId: seniors, assigneeId: null, acceptDueAt: null });
    expect((await history(id)).at(-1)).toEqual({
      type: 'escalated',
      at: expect.any(String),
      actor: { type: 'system', id: null, name: 'escalation' },
      reason: 'not answered within 1 s by Test agent',
      from: { roleId: front, assigneeId: agent.id },
      to: { roleId: seniors, assigneeId: null },
    });
    // Once, not again: nothing more happens to it.
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await history(id)).filter((l) => l.type === 'escalated')).toHaveLength(1);
  });

  it('a reply before the timer runs out stops it', async () => {
    const id = await one(front);
    await assign(id, { assigneeId: agent.id });
    const reply = await desk.http().post(`/api/conversations/${id}/replies`).set(bearer(agent.token)).send({ text: 'On it!' });
    expect(reply.status).toBe(201);
    expect((await detail(id)).acceptDueAt).toBeNull();
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await detail(id)).toMatchObject({ roleId: front, assigneeId: agent.id });
    expect((await history(id)).map((l) => l.type)).toEqual(['assigned']);
  });

  it('without an escalation role the conversation goes back to its own role\'s queue', async () => {
    const id = await one(solo);
    await assign(id, { assigneeId: agent.id, reason: 'try this one' });
    await eventually(async () => (await detail(id)).assigneeId === null, 5_000, 'the conversation back in the queue');
    expect(await detail(id)).toMatchObject({ roleId: solo, assigneeId: null, acceptDueAt: null });
    expect((await history(id)).map((l) => [l.type, l.to])).toEqual([
      ['assigned', { roleId: solo, assigneeId: agent.id }],
      ['escalated', { roleId: solo, assigneeId: null }],
    ]);
  });

  it('an agent who takes a conversation is timed as well; a role without a timer never escalates', async () => {
    const timed = await one(solo);
    expect((await desk.http().post(`/api/conversations/${timed}/assignment`).set(bearer(agent.token)).send({ assigneeId: agent.id })).status).toBe(200);
    const calm = await one(untimed);
    expect((await assign(calm, { assigneeId: agent.id })).acceptDueAt).toBeNull();
    await eventually(async () => (await detail(timed)).assigneeId === null, 5_000, 'the taken conversation back in the queue');
    expect(await detail(calm)).toMatchObject({ roleId: untimed, assigneeId: agent.id });
  });

  it('a resolved conversation stops its timer instead of escalating', async () => {
    const id = await one(solo);
    await assign(id, { assigneeId: agent.id });
    expect((await desk.http().post(`/api/conversations/${id}/status`).set(bearer(agent.token)).send({ status: 'resolved' })).status).toBe(200);
    await eventually(async () => (await sql.query(`SELECT accept_due_at FROM conversations WHERE id = $1`, [id])).rows[0].accept_due_at === null, 5_000, 'the timer stopped');
    expect(await detail(id)).toMatchObject({ status: 'resolved', assigneeId: agent.id });
    expect((await history(id)).map((l) => l.type)).toEqual(['assigned']);
  });

  it('escalates many conversations due at once, each once', async () => {
    const ids = await insertConversations(sql, workspaceId, channel.id, 30, { roleId: front });
    const res = await desk.http().post('/api/conversations/bulk-assignment').set(bearer(lead.token)).send({ conversationIds: ids, assigneeId: agent.id });
    expect(res.body).toEqual({ updated: 30 });
    await eventually(
      async () => (await sql.query(`SELECT count(*)::int AS n FROM conversations WHERE id = ANY($1::uuid[]) AND role_id = $2 AND assignee_id IS NULL`, [ids, seniors])).rows[0].n === 30,
      5_000,
      'all 30 escalated',
    );
    const lines = await sql.query(`SELECT count(*)::int AS n FROM conversation_history WHERE conversation_id = ANY($1::uuid[]) AND type = 'escalated'`, [ids]);
    expect(lines.rows[0].n).toBe(30);
  });

  it('under automatic assignment, gives the escalated conversation to another online member, not back to the one who let it lapse', async () => {
    const rota = await role({ name: 'Rota', assignment: 'round_robin', acceptanceSeconds: 1 });
    await setRoleMembers(desk, lead.token, rota, [agent.id, agent2.id]);
    for (const m of [agent, agent2]) clients.push(await connected(desk.url, { token: m.token }));
    const id = await one(rota);
    await eventually(async () => (await detail(id)).assigneeId !== null, 5_000, 'the conversation handed out');
    const first = (await detail(id)).assigneeId as string;
    const other = first === agent.id ? agent2.id : agent.id;
    // Nobody answers: it escalates into the same role's queue, and round robin must not hand it straight back.
    await eventually(async () => (await history(id)).some((l) => l.type === 'escalated'), 5_000, 'the escalation');
    await eventually(async () => (await detail(id)).assigneeId === other, 5_000, 'handed to the other member');
    const types = (await history(id)).map((l) => `${l.type}:${l.to?.assigneeId ?? '-'}`);
    expect(types.slice(0, 3)).toEqual([`assigned:${first}`, 'escalated:-', `assigned:${other}`]);
  });

  it('under automatic assignment, never gives the escalated conversation back to its only online member: it waits, and the queue behind it moves', async () => {
    const alone = await role({ name: 'Alone', assignment: 'round_robin', acceptanceSeconds: 1 });
    // Capacity 1: the waiting conversation must not fill the one place and hold back the next.
    const members = await desk.http().put(`/api/roles/${alone}/members`).set(bearer(lead.token)).send({ members: [{ userId: agent.id, capacity: 1 }] });
    expect(members.status).toBe(200);
    clients.push(await connected(desk.url, { token: agent.token }));
    const id = await one(alone);
    await eventually(async () => (await detail(id)).assigneeId === agent.id, 5_000, 'the conversation handed out');
    await eventually(async () => (await history(id)).some((l) => l.type === 'escalated'), 5_000, 'the escalation');
    const next = await one(alone);
    await eventually(async () => (await detail(next)).assigneeId === agent.id, 5_000, 'the next conversation handed out');
    expect(await detail(id)).toMatchObject({ roleId: alone, assigneeId: null });
    expect((await history(id)).map((l) => l.type)).toEqual(['assigned', 'escalated']);
  });

  it('moving an assigned conversation to another role times the assignee by the new role', async () => {
    const slow = await role({ name: 'Slow', acceptanceSeconds: 600 });
    await setRoleMembers(desk, lead.token, slow, [agent.id]);
    const id = await one(untimed);
    expect((await assign(id, { assigneeId: agent.id })).acceptDueAt).toBeNull();
    const before = Date.now();
    const moved = await assign(id, { roleId: slow });
    expect(moved).toMatchObject({ roleId: slow, assigneeId: agent.id });
    expect(Date.parse(moved.acceptDueAt) - before).toBeGreaterThanOrEqual(599_000);
    expect(Date.parse(moved.acceptDueAt) - Date.now()).toBeLessThanOrEqual(600_000);
    const back = await assign(id, { roleId: untimed });
    expect(back).toMatchObject({ roleId: untimed, assigneeId: agent.id, acceptDueAt: null });
  });

  it("counts only the role's working hours: closed now, the time is not up and the due instant moves to when it will be", async () => {
    // One minute a week, three days from today (UTC): closed now and for the whole test.
    const today = new Date().getUTCDay() || 7;
    const day = ((today + 2) % 7) + 1;
    const calendar = await desk.http().post('/api/business-hours').set(bearer(admin)).send({ name: `Rarely ${day}`, timezone: 'UTC', weekly: [{ day, from: '10:00', to: '10:01' }] });
    expect(calendar.status).toBe(201);
    const rarely = await role({ name: 'Rarely open', acceptanceSeconds: 1, escalationRoleId: seniors, businessHoursId: calendar.body.id });
    await setRoleMembers(desk, lead.token, rarely, [agent.id]);
    const id = await one(rarely);
    const assigned = await assign(id, { assigneeId: agent.id });
    // The wall-clock second passes, the worker looks, and moves the due instant to 1 s into the next opening.
    const moved = await eventually(async () => {
      const c = await detail(id);
      return Date.parse(c.acceptDueAt) > Date.parse(assigned.acceptDueAt) + 3_600_000 ? c : undefined;
    }, 10_000, 'the due instant moved to the working hours');
    const due = new Date(moved.acceptDueAt);
    expect([due.getUTCDay() || 7, due.getUTCHours(), due.getUTCMinutes(), due.getUTCSeconds()]).toEqual([day, 10, 0, 1]);
    expect(moved).toMatchObject({ roleId: rarely, assigneeId: agent.id });
    expect((await history(id)).map((h) => h.type)).not.toContain('escalated');
  });
});
