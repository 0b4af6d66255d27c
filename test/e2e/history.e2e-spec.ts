import { bearer, expectCode, NO_SUCH, type Member } from '../support/http';
import { createMember } from '../support/desk';
import { createChannel, TestChannel } from '../support/inbox';
import { createRole, insertConversation, insertConversations, setRoleMembers, type Placement } from '../support/routing';
import { admin, agent, agent2, desk, lead, otherWorkspace, sql, supervisor, useTaskForce, workspaceId } from '../support/task-force';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** GET /api/conversations/:id/history: every assignment, who made it, when, why; readable as the conversation is. */
describe('conversation history', () => {
  useTaskForce();
  let outsider: Member;
  let channel: TestChannel;
  let care: string;
  let sales: string;

  const assign = (token: string, id: string, body: Record<string, unknown>) => desk.http().post(`/api/conversations/${id}/assignment`).set(bearer(token)).send(body);
  const bulk = (token: string, body: Record<string, unknown>) => desk.http().post('/api/conversations/bulk-assignment').set(bearer(token)).send(body);
  const history = (token: string, id: string) => desk.http().get(`/api/conversations/${id}/history`).set(bearer(token));
  const items = async (id: string) => {
    const res = await history(lead.token, id);
    expect(res.status).toBe(200);
    return res.body.items as Array<Record<string, any>>;
  };
  const one = (fields: Placement = {}) => insertConversation(sql, workspaceId, channel.id, fields);
  const user = (m: Member, name: string) => ({ type: 'user', id: m.id, name });

  beforeAll(async () => {
    outsider = await createMember(desk, admin, 'agent');
    channel = await createChannel(desk, admin, 'api');
    // Manual roles: automatic assignment must not add lines of its own here.
    care = await createRole(desk, lead.token, { name: 'Customer care', assignment: 'manual' });
    sales = await createRole(desk, lead.token, { name: 'Sales', assignment: 'manual' });
    await setRoleMembers(desk, lead.token, care, [agent.id, agent2.id]);
    await setRoleMembers(desk, lead.token, sales, [outsider.id]);
  });

  it('starts empty, and records each manual change oldest first: assigned, reassigned, unassigned, with who, when and why', async () => {
    const id = await one();
    expect((await history(lead.token, id)).body).toEqual({ items: [] });
    expect((await assign(lead.token, id, { roleId: care, assigneeId: agent.id, reason: ' first contact ' })).status).toBe(200);
    expect((await assign(admin, id, { assigneeId: agent2.id })).status).toBe(200);
    expect((await assign(lead.token, id, { roleId: sales, reason: 'a sales question' })).status).toBe(200);
    expect((await assign(lead.token, id, { assigneeId: null, reason: 'back to the queue' })).status).toBe(200);
    expect((await assign(lead.token, id, { roleId: null })).status).toBe(200);
    const lines = await items(id);
    expect(lines).toEqual([
      { type: 'assigned', at: expect.stringMatching(ISO), actor: user(lead, 'Test lead'), reason: 'first contact', from: { roleId: null, assigneeId: null }, to: { roleId: care, assigneeId: agent.id } },
      { type: 'assigned', at: expect.stringMatching(ISO), actor: expect.objectContaining({ type: 'user', name: expect.any(String) }), reason: null, from: { roleId: care, assigneeId: agent.id }, to: { roleId: care, assigneeId: agent2.id } },
      { type: 'reassigned', at: expect.stringMatching(ISO), actor: user(lead, 'Test lead'), reason: 'a sales question', from: { roleId: care, assigneeId: agent2.id }, to: { roleId: sales, assigneeId: agent2.id } },
      { type: 'unassigned', at: expect.stringMatching(ISO), actor: user(lead, 'Test lead'), reason: 'back to the queue', from: { roleId: sales, assigneeId: agent2.id }, to: { roleId: sales, assigneeId: null } },
      { type: 'reassigned', at: expect.stringMatching(ISO), actor: user(lead, 'Test lead'), reason: null, from: { roleId: sales, assigneeId: null }, to: { roleId: null, assigneeId: null } },
    ]);
    const times = lines.map((l) => Date.parse(l.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('writes nothing when nothing changes, and nothing for a refused change', async () => {
    const id = await one({ roleId: care, assigneeId: agent.id });
    expect((await assign(lead.token, id, { roleId: care, assigneeId: agent.id })).status).toBe(200);
    expectCode(await assign(agent2.token, id, { assigneeId: agent2.id }), 409, 'CONVERSATION_ALREADY_ASSIGNED');
    expectCode(await assign(lead.token, id, { roleId: NO_SUCH }), 404, 'ROLE_NOT_FOUND');
    expect(await items(id)).toEqual([]);
  });

  it("an agent taking a conversation: 'assigned' by the agent, 'taken by the agent' unless they say why", async () => {
    const [a, b] = await insertConversations(sql, workspaceId, channel.id, 2, { roleId: care });
    expect((await assign(agent.token, a!, { assigneeId: agent.id })).status).toBe(200);
    expect((await assign(agent.token, b!, { assigneeId: agent.id, reason: 'I know this customer' })).status).toBe(200);
    expect(await items(a!)).toEqual([
      expect.objectContaining({ type: 'assigned', actor: user(agent, 'Test agent'), reason: 'taken by the agent', from: { roleId: care, assigneeId: null }, to: { roleId: care, assigneeId: agent.id } }),
    ]);
    expect((await items(b!))[0]).toMatchObject({ type: 'assigned', reason: 'I know this customer' });
    // The event carries the same reason.
    const event = await sql.query(`SELECT payload FROM domain_events WHERE type = 'conversation.assigned' AND conversation_id = $1`, [a]);
    expect(event.rows[0].payload).toMatchObject({ reason: 'taken by the agent', by: { type: 'user', id: agent.id } });
  });

  it('a bulk assignment writes one line per changed conversation, each of its own type', async () => {
    const queued = await insertConversations(sql, workspaceId, channel.id, 3, { roleId: care });
    const held = await one({ roleId: sales, assigneeId: outsider.id });
    const already = await one({ roleId: care, assigneeId: agent2.id });
    const res = await bulk(lead.token, { conversationIds: [...queued, held, already], roleId: care, assigneeId: agent2.id, reason: 'evening shift' });
    expect(res.body).toEqual({ updated: 4 });
    for (const id of queued) {
      expect(await items(id)).toEqual([expect.objectContaining({ type: 'assigned', actor: user(lead, 'Test lead'), reason: 'evening shift', to: { roleId: care, assigneeId: agent2.id } })]);
    }
    expect(await items(held)).toEqual([
      expect.objectContaining({ type: 'reassigned', from: { roleId: sales, assigneeId: outsider.id }, to: { roleId: care, assigneeId: agent2.id } }),
    ]);
    expect(await items(already)).toEqual([]);
    expect((await bulk(lead.token, { conversationIds: queued, assigneeId: null })).body).toEqual({ updated: 3 });
    expect((await items(queued[0]!)).map((l) => l.type)).toEqual(['assigned', 'unassigned']);
  });

  it('shows lines other parts of the desk write: the rule and map version of routing, system actors', async () => {
    const id = await one({ roleId: care });
    await sql.query(
      `INSERT INTO conversation_history (workspace_id, conversation_id, type, actor_type, actor_id, actor_name, reason, from_state, to_state, rule, map_version)
       VALUES ($1, $2, 'routed', 'system', NULL, 'responsibility map', 'rule "Complaints" matched', NULL, $3, 'Complaints', 4),
              ($1, $2, 'assigned', 'system', NULL, 'auto-assignment', 'round robin', $3, $4, NULL, NULL)`,
      [workspaceId, id, JSON.stringify({ roleId: care, assigneeId: null }), JSON.stringify({ roleId: care, assigneeId: agent.id })],
    );
    expect(await items(id)).toEqual([
      {
        type: 'routed',
        at: expect.stringMatching(ISO),
        actor: { type: 'system', id: null, name: 'responsibility map' },
        reason: 'rule "Complaints" matched',
        from: null,
        to: { roleId: care, assigneeId: null },
        rule: 'Complaints',
        mapVersion: 4,
      },
      { type: 'assigned', at: expect.stringMatching(ISO), actor: { type: 'system', id: null, name: 'auto-assignment' }, reason: 'round robin', from: { roleId: care, assigneeId: null }, to: { roleId: care, assigneeId: agent.id } },
    ]);
  });

  it('is readable exactly as the conversation is: agents of its role or its assignee, leads, supervisors, admins', async () => {
    const id = await one({ roleId: care });
    expect((await assign(lead.token, id, { assigneeId: agent.id })).status).toBe(200);
    for (const token of [agent.token, agent2.token, lead.token, supervisor.token, admin]) expect((await history(token, id)).body.items).toHaveLength(1);
    expectCode(await history(outsider.token, id), 404, 'CONVERSATION_NOT_FOUND');
    // Assigned to the outsider, in a role they are not in: now they read it (and its past).
    expect((await assign(lead.token, id, { assigneeId: outsider.id })).status).toBe(200);
    expect((await history(outsider.token, id)).body.items).toHaveLength(2);
    // Unassigned again: gone for them.
    expect((await assign(lead.token, id, { assigneeId: null })).status).toBe(200);
    expectCode(await history(outsider.token, id), 404, 'CONVERSATION_NOT_FOUND');
  });

  it('answers 404 for an unknown conversation or another workspace, 400 for a malformed id, 401 without a token', async () => {
    expectCode(await history(lead.token, NO_SUCH), 404, 'CONVERSATION_NOT_FOUND');
    expectCode(await history(lead.token, 'nope'), 400, 'VALIDATION_FAILED');
    expectCode(await desk.http().get(`/api/conversations/${NO_SUCH}/history`), 401, 'AUTH_REQUIRED');
    const otherAdmin = (await otherWorkspace(desk, admin)).admin;
    const ours = await one({ roleId: care });
    expect((await assign(lead.token, ours, { assigneeId: agent.id })).status).toBe(200);
    expectCode(await history(otherAdmin, ours), 404, 'CONVERSATION_NOT_FOUND');
  });
});
