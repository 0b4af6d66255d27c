import { Client } from 'pg';
import { bearer, expectCode, messages, NO_SUCH, startTaskForce, type Member } from '../support/http';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createMember, signIn, startTestDesk, TestDesk } from '../support/desk';
import { conversationsOf, createChannel, deliver, settled, TestChannel } from '../support/inbox';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;


describe('task-force roles', () => {
  let desk: TestDesk;
  let sql: Client;
  let admin: string;
  let lead: Member;
  let agent: Member;
  let agent2: Member;
  let supervisor: Member;
  let otherAdmin: string;
  let workspaceId: string;
  let serial = 0;
  const name = (base: string) => `${base} ${++serial}`;
  const createRole = async (token: string, body: Record<string, unknown>) => desk.http().post('/api/roles').set(bearer(token)).send(body);
  const newRole = async (body: Record<string, unknown> = {}) => {
    const res = await createRole(lead.token, { name: name('Role'), ...body });
    expect(res.status).toBe(201);
    return res.body as { id: string; name: string };
  };
  const putMembers = (token: string, roleId: string, members: unknown) => desk.http().put(`/api/roles/${roleId}/members`).set(bearer(token)).send({ members });

  beforeAll(async () => {
    ({ desk, sql, admin, workspaceId, lead, agent, agent2, supervisor } = await startTaskForce());
    const other = await desk.http().post('/api/workspaces').set(bearer(admin)).send({ name: 'Other brand', timezone: 'UTC' });
    otherAdmin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD, other.body.id);
  });
  afterAll(async () => {
    await sql.end();
    await desk.shutdown();
  });

  describe('CRUD', () => {
    it('creates a role with defaults and reads it back, alone and in the list', async () => {
      const res = await createRole(lead.token, { name: '  Customer care  ' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(UUID),
        name: 'Customer care',
        description: null,
        assignment: 'round_robin',
        escalationRoleId: null,
        acceptanceSeconds: null,
        businessHoursId: null,
        members: [],
        createdAt: expect.stringMatching(ISO),
        updatedAt: expect.stringMatching(ISO),
      });
      const got = await desk.http().get(`/api/roles/${res.body.id}`).set(bearer(agent.token));
      expect(got.status).toBe(200);
      expect(got.body).toEqual(res.body);
      const list = await desk.http().get('/api/roles').set(bearer(supervisor.token));
      expect(list.status).toBe(200);
      expect(list.body.items).toContainEqual(res.body);
    });

    it('creates a role with every field, escalating to another', async () => {
      const pr = await newRole();
      const res = await createRole(admin, { name: name('Sales'), description: 'Leads and quotes', assignment: 'least_busy', escalationRoleId: pr.id });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ description: 'Leads and quotes', assignment: 'least_busy', escalationRoleId: pr.id });
    });

    it('lists roles by name', async () => {
      const items = (await desk.http().get('/api/roles').set(bearer(agent.token))).body.items as Array<{ name: string }>;
      const names = items.map((r) => r.name.toLowerCase());
      expect(names).toEqual([...names].sort());
    });

    it('patches only the given fields; null clears description and escalation', async () => {
      const target = await newRole();
      const role = await newRole({ description: 'before', escalationRoleId: target.id });
      const renamed = await desk.http().patch(`/api/roles/${role.id}`).set(bearer(lead.token)).send({ name: 'Tech support', assignment: 'manual' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ id: role.id, name: 'Tech support', description: 'before', assignment: 'manual', escalationRoleId: target.id });
      const cleared = await desk.http().patch(`/api/roles/${role.id}`).set(bearer(admin)).send({ description: null, escalationRoleId: null });
      expect(cleared.status).toBe(200);
      expect(cleared.body).toMatchObject({ name: 'Tech support', description: null, escalationRoleId: null, assignment: 'manual' });
      expect(Date.parse(cleared.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(renamed.body.updatedAt));
    });

    it('deletes a role (204): gone from reads, its conversations keep no role, roles escalating to it stop escalating', async () => {
      const role = await newRole();
      const escalating = await newRole({ escalationRoleId: role.id });
      expect((await putMembers(lead.token, role.id, [{ userId: agent.id }])).status).toBe(200);
      const channel = await createChannel(desk, admin, 'api');
      await deliver(desk, channel, JSON.stringify({ id: 'del-1', kind: 'comment', author: { id: 'c-del' }, text: 'role to be deleted' }));
      await settled(desk, admin, channel.id);
      const [conversation] = await conversationsOf(desk, admin, { channelId: channel.id });
      expect((await desk.http().post(`/api/conversations/${conversation!.id}/assignment`).set(bearer(lead.token)).send({ roleId: role.id })).status).toBe(200);

      const lastSeq = async () => Number((await sql.query(`SELECT coalesce(max(seq), 0) AS s FROM domain_events WHERE workspace_id = $1`, [workspaceId])).rows[0].s);
      const before = await lastSeq();
      const res = await desk.http().delete(`/api/roles/${role.id}`).set(bearer(lead.token));
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expectCode(await desk.http().get(`/api/roles/${role.id}`).set(bearer(lead.token)), 404, 'ROLE_NOT_FOUND');
      expectCode(await desk.http().delete(`/api/roles/${role.id}`).set(bearer(lead.token)), 404, 'ROLE_NOT_FOUND');
      expect((await desk.http().get(`/api/roles/${escalating.id}`).set(bearer(lead.token))).body.escalationRoleId).toBeNull();
      expect((await desk.http().get(`/api/conversations/${conversation!.id}`).set(bearer(admin))).body.roleId).toBeNull();
      // Its members are told they left it, in one event; nothing is logged per conversation.
      const events = await sql.query(`SELECT type, role_ids, user_ids, payload FROM domain_events WHERE workspace_id = $1 AND seq > $2 ORDER BY seq`, [workspaceId, before]);
      expect(events.rows).toHaveLength(1);
      expect(events.rows[0]).toMatchObject({ type: 'role.members.updated', role_ids: [role.id], user_ids: [agent.id] });
      expect(events.rows[0].payload).toMatchObject({ roleId: role.id, role: { id: role.id, members: [] }, members: [], added: [], removed: [agent.id] });
    });
  });

  describe('validation', () => {
    it('refuses a missing, blank, too long or mistyped name, an unknown strategy and unknown fields, naming each', async () => {
      const res = await createRole(lead.token, { assignment: 'random', escalationRoleId: 'nope', colour: 'red' });
      expectCode(res, 400, 'VALIDATION_FAILED');
      for (const field of ['name', 'assignment', 'escalationRoleId', 'colour']) expect(messages(res).some((m) => m.includes(field))).toBe(true);
      expectCode(await createRole(lead.token, { name: '   ' }), 400, 'VALIDATION_FAILED');
      expectCode(await createRole(lead.token, { name: 'x'.repeat(101) }), 400, 'VALIDATION_FAILED');
      expectCode(await createRole(lead.token, { name: 42 }), 400, 'VALIDATION_FAILED');
    });

    it('refuses a name already taken, case-insensitively, with 409 ROLE_NAME_TAKEN (on create and rename)', async () => {
      const role = await newRole();
      expectCode(await createRole(lead.token, { name: role.name.toUpperCase() }), 409, 'ROLE_NAME_TAKEN');
      const other = await newRole();
      expectCode(await desk.http().patch(`/api/roles/${other.id}`).set(bearer(lead.token)).send({ name: ` ${role.name.toLowerCase()} ` }), 409, 'ROLE_NAME_TAKEN');
      // Renaming a role to its own name (another case) is fine.
      expect((await desk.http().patch(`/api/roles/${role.id}`).set(bearer(lead.token)).send({ name: role.name.toUpperCase() })).status).toBe(200);
    });

    it('creates one role when the same name is created several times at once', async () => {
      const n = name('Race');
      const results = await Promise.all(Array.from({ length: 4 }, () => createRole(lead.token, { name: n })));
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    });

    it('refuses an escalation to itself, to an unknown role, or round in a loop', async () => {
      const a = await newRole();
      const b = await newRole({ escalationRoleId: a.id });
      expectCode(await desk.http().patch(`/api/roles/${a.id}`).set(bearer(lead.token)).send({ escalationRoleId: a.id }), 400, 'VALIDATION_FAILED');
      expectCode(await desk.http().patch(`/api/roles/${a.id}`).set(bearer(lead.token)).send({ escalationRoleId: b.id }), 400, 'VALIDATION_FAILED');
      expectCode(await desk.http().patch(`/api/roles/${a.id}`).set(bearer(lead.token)).send({ escalationRoleId: NO_SUCH }), 404, 'ROLE_NOT_FOUND');
      expectCode(await createRole(lead.token, { name: name('Esc'), escalationRoleId: NO_SUCH }), 404, 'ROLE_NOT_FOUND');
    });

    it('takes an acceptance timer and working hours of this workspace; null clears them', async () => {
      const hours = async (ws: string) =>
        (
          await sql.query(`INSERT INTO business_hours (workspace_id, name, timezone, weekly) VALUES ($1, 'Office', 'Europe/Rome', '[]') RETURNING id`, [ws])
        ).rows[0].id as string;
      const ours = await hours(workspaceId);
      const otherWorkspace = (await sql.query(`SELECT id FROM workspaces WHERE id <> $1 LIMIT 1`, [workspaceId])).rows[0].id as string;
      const theirs = await hours(otherWorkspace);
      const res = await createRole(lead.token, { name: name('Timed'), acceptanceSeconds: 300, businessHoursId: ours });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ acceptanceSeconds: 300, businessHoursId: ours });
      expect((await desk.http().get(`/api/roles/${res.body.id}`).set(bearer(agent.token))).body).toMatchObject({ acceptanceSeconds: 300, businessHoursId: ours });
      const patched = await desk.http().patch(`/api/roles/${res.body.id}`).set(bearer(lead.token)).send({ acceptanceSeconds: 60 });
      expect(patched.body).toMatchObject({ acceptanceSeconds: 60, businessHoursId: ours });
      const cleared = await desk.http().patch(`/api/roles/${res.body.id}`).set(bearer(lead.token)).send({ acceptanceSeconds: null, businessHoursId: null });
      expect(cleared.body).toMatchObject({ acceptanceSeconds: null, businessHoursId: null });

      const bad = await createRole(lead.token, { name: name('Bad'), acceptanceSeconds: 0, businessHoursId: 'office' });
      expectCode(bad, 400, 'VALIDATION_FAILED');
      for (const field of ['acceptanceSeconds', 'businessHoursId']) expect(messages(bad).some((m) => m.includes(field))).toBe(true);
      for (const acceptanceSeconds of [-1, 1.5, '60', 7 * 24 * 3600 + 1]) {
        expectCode(await desk.http().patch(`/api/roles/${res.body.id}`).set(bearer(lead.token)).send({ acceptanceSeconds }), 400, 'VALIDATION_FAILED');
      }
      expectCode(await createRole(lead.token, { name: name('Nowhere'), businessHoursId: NO_SUCH }), 404, 'BUSINESS_HOURS_NOT_FOUND');
      expectCode(await createRole(lead.token, { name: name('Theirs'), businessHoursId: theirs }), 404, 'BUSINESS_HOURS_NOT_FOUND');
      expectCode(await desk.http().patch(`/api/roles/${res.body.id}`).set(bearer(lead.token)).send({ businessHoursId: theirs }), 404, 'BUSINESS_HOURS_NOT_FOUND');
      expect((await desk.http().get(`/api/roles/${res.body.id}`).set(bearer(lead.token))).body.businessHoursId).toBeNull();
    });

    it('answers an unknown or malformed id with 404 ROLE_NOT_FOUND or 400', async () => {
      expectCode(await desk.http().get(`/api/roles/${NO_SUCH}`).set(bearer(lead.token)), 404, 'ROLE_NOT_FOUND');
      expectCode(await desk.http().patch(`/api/roles/${NO_SUCH}`).set(bearer(lead.token)).send({ name: 'x' }), 404, 'ROLE_NOT_FOUND');
      expectCode(await putMembers(lead.token, NO_SUCH, []), 404, 'ROLE_NOT_FOUND');
      expectCode(await desk.http().get('/api/roles/not-a-uuid').set(bearer(lead.token)), 400, 'VALIDATION_FAILED');
    });
  });

  describe('access levels', () => {
    it('agents and supervisors read roles but cannot create, edit, delete or staff them (403 ACCESS_DENIED)', async () => {
      const role = await newRole();
      for (const member of [agent, supervisor]) {
        expect((await desk.http().get('/api/roles').set(bearer(member.token))).status).toBe(200);
        expect((await desk.http().get(`/api/roles/${role.id}`).set(bearer(member.token))).status).toBe(200);
        expectCode(await createRole(member.token, { name: name('Nope') }), 403, 'ACCESS_DENIED');
        expectCode(await desk.http().patch(`/api/roles/${role.id}`).set(bearer(member.token)).send({ name: 'Nope' }), 403, 'ACCESS_DENIED');
        expectCode(await desk.http().delete(`/api/roles/${role.id}`).set(bearer(member.token)), 403, 'ACCESS_DENIED');
        expectCode(await putMembers(member.token, role.id, [{ userId: member.id }]), 403, 'ACCESS_DENIED');
      }
      // Refused before the body is validated.
      expectCode(await createRole(agent.token, { name: 7 }), 403, 'ACCESS_DENIED');
    });

    it('needs a token', async () => {
      expectCode(await desk.http().get('/api/roles'), 401, 'AUTH_REQUIRED');
      expectCode(await desk.http().post('/api/roles').send({ name: 'x' }), 401, 'AUTH_REQUIRED');
    });
  });

  describe('tenant isolation', () => {
    it("another workspace's role is 404 for every route, and is not listed", async () => {
      const role = await newRole();
      expectCode(await desk.http().get(`/api/roles/${role.id}`).set(bearer(otherAdmin)), 404, 'ROLE_NOT_FOUND');
      expectCode(await desk.http().patch(`/api/roles/${role.id}`).set(bearer(otherAdmin)).send({ name: 'Hijack' }), 404, 'ROLE_NOT_FOUND');
      expectCode(await desk.http().delete(`/api/roles/${role.id}`).set(bearer(otherAdmin)), 404, 'ROLE_NOT_FOUND');
      expectCode(await putMembers(otherAdmin, role.id, []), 404, 'ROLE_NOT_FOUND');
      expect((await desk.http().get('/api/roles').set(bearer(otherAdmin))).body.items.map((r: { id: string }) => r.id)).not.toContain(role.id);
      expect((await desk.http().get(`/api/roles/${role.id}`).set(bearer(lead.token))).body.name).toBe(role.name);
    });

    it('a role of another workspace cannot be an escalation, and a name may repeat across workspaces', async () => {
      const role = await newRole();
      expectCode(await createRole(otherAdmin, { name: name('Theirs'), escalationRoleId: role.id }), 404, 'ROLE_NOT_FOUND');
      expect((await createRole(otherAdmin, { name: role.name })).status).toBe(201);
    });

    it('people of another workspace cannot be members (404 USER_NOT_FOUND naming them)', async () => {
      const role = await newRole();
      const outsider = await createMember(desk, otherAdmin, 'agent');
      const res = await putMembers(lead.token, role.id, [{ userId: agent.id }, { userId: outsider.id }]);
      expectCode(res, 404, 'USER_NOT_FOUND');
      expect(messages(res)).toEqual([expect.stringContaining(outsider.id)]);
      expect((await desk.http().get(`/api/roles/${role.id}`).set(bearer(lead.token))).body.members).toEqual([]);
    });
  });

  describe('members', () => {
    it('replaces the whole membership each time, with names and capacities', async () => {
      const role = await newRole();
      const first = await putMembers(lead.token, role.id, [{ userId: agent.id, capacity: 5 }, { userId: agent2.id }]);
      expect(first.status).toBe(200);
      expect(first.body.id).toBe(role.id);
      expect(first.body.members).toEqual(
        expect.arrayContaining([
          { userId: agent.id, name: 'Test agent', capacity: 5 },
          { userId: agent2.id, name: 'Test agent', capacity: null },
        ]),
      );
      expect(first.body.members).toHaveLength(2);

      const second = await putMembers(admin, role.id, [{ userId: agent2.id, capacity: 0 }, { userId: lead.id }]);
      expect(second.status).toBe(200);
      expect(second.body.members).toEqual(
        expect.arrayContaining([
          { userId: agent2.id, name: 'Test agent', capacity: 0 },
          { userId: lead.id, name: 'Test lead', capacity: null },
        ]),
      );
      expect(second.body.members).toHaveLength(2);
      expect((await desk.http().get(`/api/roles/${role.id}`).set(bearer(agent.token))).body.members).toEqual(second.body.members);

      const emptied = await putMembers(lead.token, role.id, []);
      expect(emptied.status).toBe(200);
      expect(emptied.body.members).toEqual([]);
    });

    it('refuses bad members, naming each: duplicates, negative or fractional capacity, non-uuids, deactivated people, supervisors', async () => {
      const role = await newRole();
      const dup = await putMembers(lead.token, role.id, [{ userId: agent.id }, { userId: agent.id.toUpperCase() }]);
      expectCode(dup, 400, 'VALIDATION_FAILED');
      expect(messages(dup).join(' ')).toContain(agent.id);
      const shape = await putMembers(lead.token, role.id, [{ userId: 'nope' }, { userId: agent.id, capacity: -1 }, { userId: agent2.id, capacity: 1.5, extra: true }]);
      expectCode(shape, 400, 'VALIDATION_FAILED');
      for (const field of ['members.0.userId', 'members.1.capacity', 'members.2.capacity', 'members.2.extra']) expect(messages(shape).some((m) => m.includes(field))).toBe(true);
      expectCode(await desk.http().put(`/api/roles/${role.id}/members`).set(bearer(lead.token)).send({}), 400, 'VALIDATION_FAILED');

      const leaving = await createMember(desk, admin, 'agent');
      expect((await desk.http().patch(`/api/users/${leaving.id}`).set(bearer(admin)).send({ active: false })).status).toBe(200);
      const people = await putMembers(lead.token, role.id, [{ userId: agent.id }, { userId: leaving.id }, { userId: supervisor.id }]);
      expectCode(people, 400, 'VALIDATION_FAILED');
      expect(messages(people)).toEqual([expect.stringContaining(leaving.id), expect.stringContaining(supervisor.id)]);
      expectCode(await putMembers(lead.token, role.id, [{ userId: NO_SUCH }]), 404, 'USER_NOT_FOUND');
      expect((await desk.http().get(`/api/roles/${role.id}`).set(bearer(lead.token))).body.members).toEqual([]);
    });

    it('logs role.members.updated with who joined and who left, its audience old and new members; nothing when nothing changed', async () => {
      const role = await newRole();
      const count = async () => (await sql.query(`SELECT count(*)::int AS n FROM domain_events WHERE type = 'role.members.updated' AND payload->>'roleId' = $1`, [role.id])).rows[0].n as number;
      await putMembers(lead.token, role.id, [{ userId: agent.id }]);
      await putMembers(lead.token, role.id, [{ userId: agent2.id, capacity: 3 }]);
      const { rows } = await sql.query(`SELECT role_ids, user_ids, conversation_id, payload FROM domain_events WHERE type = 'role.members.updated' AND payload->>'roleId' = $1 ORDER BY seq`, [role.id]);
      expect(rows).toHaveLength(2);
      expect(rows[0].payload).toMatchObject({ roleId: role.id, members: [{ userId: agent.id, capacity: null }], added: [agent.id], removed: [] });
      expect(rows[1]).toMatchObject({ role_ids: [role.id], conversation_id: null });
      expect([...rows[1].user_ids].sort()).toEqual([agent.id, agent2.id].sort());
      expect(rows[1].payload).toMatchObject({
        roleId: role.id,
        role: { id: role.id, name: role.name, members: [{ userId: agent2.id, capacity: 3 }] },
        members: [{ userId: agent2.id, capacity: 3 }],
        added: [agent2.id],
        removed: [agent.id],
      });
      await putMembers(lead.token, role.id, [{ userId: agent2.id, capacity: 3 }]);
      expect(await count()).toBe(2);
      await putMembers(lead.token, role.id, [{ userId: agent2.id, capacity: 4 }]);
      expect(await count()).toBe(3);
    });

    it("an agent reads a role's conversations only while a member of it", async () => {
      const role = await newRole();
      const channel: TestChannel = await createChannel(desk, admin, 'api');
      const res = await deliver(desk, channel, JSON.stringify({ id: 'member-1', kind: 'comment', author: { id: 'c-1' }, text: 'who reads this' }));
      expect(res.status).toBe(200);
      expect(await settled(desk, admin, channel.id)).toEqual([]);
      const [conversation] = await conversationsOf(desk, admin, { channelId: channel.id });
      const assigned = await desk.http().post(`/api/conversations/${conversation!.id}/assignment`).set(bearer(lead.token)).send({ roleId: role.id });
      expect(assigned.status).toBe(200);
      const visible = async () => (await conversationsOf(desk, agent.token, { channelId: channel.id })).map((c) => c.id);

      expect(await visible()).toEqual([]);
      expectCode(await desk.http().get(`/api/conversations/${conversation!.id}`).set(bearer(agent.token)), 404, 'CONVERSATION_NOT_FOUND');
      await putMembers(lead.token, role.id, [{ userId: agent.id }]);
      expect(await visible()).toEqual([conversation!.id]);
      expect((await desk.http().get(`/api/conversations/${conversation!.id}`).set(bearer(agent.token))).status).toBe(200);
      await putMembers(lead.token, role.id, [{ userId: agent2.id }]);
      expect(await visible()).toEqual([]);
      expect((await conversationsOf(desk, agent2.token, { channelId: channel.id })).map((c) => c.id)).toEqual([conversation!.id]);
    });
  });
});
