import type { Response } from 'supertest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createMember, signIn, startTestDesk, TestDesk } from '../support/desk';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
type Member = { id: string; email: string; token: string };

function expectCode(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
}

describe('tenancy: two isolated workspaces', () => {
  let desk: TestDesk;
  let adminId: string;
  let workspaceA: string;
  let workspaceB: string;
  let adminA: string;
  let adminB: string;
  let membersA: Member[];
  let membersB: Member[];
  let leadB: Member;
  const ids = async (token: string) => ((await desk.http().get('/api/users').set(bearer(token))).body.items as Array<{ id: string }>).map((u) => u.id);

  beforeAll(async () => {
    desk = await startTestDesk();
    adminA = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    const me = await desk.http().get('/api/me').set(bearer(adminA));
    adminId = me.body.id;
    workspaceA = me.body.workspaceId;
    const created = await desk.http().post('/api/workspaces').set(bearer(adminA)).send({ name: '  Brand B  ', timezone: 'America/New_York' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.stringMatching(UUID), name: 'Brand B', timezone: 'America/New_York' });
    workspaceB = created.body.id;
    adminB = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD, workspaceB);
    membersA = [await createMember(desk, adminA, 'agent'), await createMember(desk, adminA, 'lead')];
    leadB = await createMember(desk, adminB, 'lead');
    membersB = [await createMember(desk, adminB, 'agent'), leadB];
  });
  afterAll(() => desk.shutdown());

  it('the creator is the new workspace’s admin, reached by workspaceId or by switching', async () => {
    expect(workspaceB).not.toBe(workspaceA);
    expect((await desk.http().get('/api/workspace').set(bearer(adminB))).body).toEqual({ id: workspaceB, name: 'Brand B', timezone: 'America/New_York' });
    expect((await desk.http().get('/api/workspace').set(bearer(adminA))).body).toMatchObject({ id: workspaceA, name: 'Default' });
    const switched = await desk.http().post('/api/auth/switch').set(bearer(adminA)).send({ workspaceId: workspaceB });
    expect(switched.body.user).toMatchObject({ id: adminId, workspaceId: workspaceB, access: 'admin' });
    expect((await desk.http().get('/api/workspace').set(bearer(switched.body.accessToken))).body.id).toBe(workspaceB);
    const back = await desk.http().post('/api/auth/switch').set(bearer(switched.body.accessToken)).send({ workspaceId: workspaceA });
    expect(back.body.user.workspaceId).toBe(workspaceA);
  });

  it('GET /api/users lists only the members of the token’s workspace', async () => {
    const inA = await ids(adminA);
    const inB = await ids(adminB);
    expect(inA.sort()).toEqual([adminId, ...membersA.map((m) => m.id)].sort());
    expect(inB.sort()).toEqual([adminId, ...membersB.map((m) => m.id)].sort());
    for (const m of membersB) expect(inA).not.toContain(m.id);
    for (const m of membersA) expect(inB).not.toContain(m.id);
    // A lead of B sees B's people only, too.
    expect((await ids(leadB.token)).sort()).toEqual(inB.sort());
  });

  it('ids of the other workspace’s users answer 404 USER_NOT_FOUND, for GET and PATCH', async () => {
    for (const [token, foreign] of [
      [adminB, membersA[0]!],
      [leadB.token, membersA[1]!],
      [adminA, membersB[0]!],
    ] as const) {
      expectCode(await desk.http().get(`/api/users/${foreign.id}`).set(bearer(token)), 404, 'USER_NOT_FOUND');
    }
    for (const [token, foreign] of [
      [adminB, membersA[0]!],
      [adminA, membersB[0]!],
    ] as const) {
      expectCode(await desk.http().patch(`/api/users/${foreign.id}`).set(bearer(token)).send({ access: 'admin' }), 404, 'USER_NOT_FOUND');
      expectCode(await desk.http().patch(`/api/users/${foreign.id}`).set(bearer(token)).send({ active: false }), 404, 'USER_NOT_FOUND');
      expectCode(await desk.http().patch(`/api/users/${foreign.id}`).set(bearer(token)).send({ name: 'Taken over' }), 404, 'USER_NOT_FOUND');
    }
    // Nothing changed: the members still work where they belong, with their access.
    expect((await desk.http().get('/api/me').set(bearer(membersA[0]!.token))).body).toMatchObject({ access: 'agent', name: 'Test agent', workspaceId: workspaceA });
    expect((await desk.http().get('/api/me').set(bearer(membersB[0]!.token))).body).toMatchObject({ access: 'agent', name: 'Test agent', workspaceId: workspaceB });
    // The admin's own id is known in both, since they are a member of both.
    expect((await desk.http().get(`/api/users/${adminId}`).set(bearer(leadB.token))).status).toBe(200);
  });

  it('a member of one workspace cannot reach the other by switching or signing in', async () => {
    const agentB = membersB[0]!;
    expectCode(await desk.http().post('/api/auth/switch').set(bearer(agentB.token)).send({ workspaceId: workspaceA }), 404, 'WORKSPACE_NOT_FOUND');
    expect((await desk.http().post('/api/auth/login').send({ email: agentB.email, password: 'member-password-1', workspaceId: workspaceA })).status).toBe(401);
    expect((await desk.http().get('/api/me').set(bearer(agentB.token))).body.memberships).toEqual([{ workspaceId: workspaceB, name: 'Brand B', access: 'agent' }]);
  });

  it('one person may hold different access in each workspace; each token acts with its own', async () => {
    const person = membersA[0]!; // an agent in A
    const added = await desk.http().post('/api/users').set(bearer(adminB)).send({ email: person.email, name: 'Ignored', password: 'password-123', access: 'lead' });
    expect(added.status).toBe(201);
    const inB = await signIn(desk, person.email, 'member-password-1', workspaceB);
    expectCode(await desk.http().get('/api/users').set(bearer(person.token)), 403, 'ACCESS_DENIED');
    const listB = await desk.http().get('/api/users').set(bearer(inB));
    expect(listB.status).toBe(200);
    expect(listB.body.items.map((u: { id: string }) => u.id)).not.toContain(membersA[1]!.id);
    // B's admin may deactivate the person in B; their membership in A is untouched.
    expect((await desk.http().patch(`/api/users/${person.id}`).set(bearer(adminB)).send({ active: false })).status).toBe(200);
    expectCode(await desk.http().get('/api/me').set(bearer(inB)), 401, 'MEMBERSHIP_INACTIVE');
    expect((await desk.http().get('/api/me').set(bearer(person.token))).status).toBe(200);
    expect((await desk.http().get(`/api/users/${person.id}`).set(bearer(adminA))).body).toMatchObject({ active: true, access: 'agent' });
  });

  it('refuses an invalid time zone with 400 listing timezone', async () => {
    for (const timezone of ['Mars/Olympus_Mons', 'Europe/Romee', '', 42, '+25:00']) {
      const res = await desk.http().post('/api/workspaces').set(bearer(adminA)).send({ name: 'Bad zone', timezone });
      expectCode(res, 400, 'VALIDATION_FAILED');
      expect(res.body.message).toEqual([expect.stringMatching(/^timezone/)]);
    }
    const missing = await desk.http().post('/api/workspaces').set(bearer(adminA)).send({});
    expectCode(missing, 400, 'VALIDATION_FAILED');
    expect(missing.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^name/), expect.stringMatching(/^timezone/)]));
    const blankName = await desk.http().post('/api/workspaces').set(bearer(adminA)).send({ name: '   ', timezone: 'UTC' });
    expectCode(blankName, 400, 'VALIDATION_FAILED');
    expect(blankName.body.message).toEqual([expect.stringMatching(/^name/)]);
    // None of them was created.
    const memberships = (await desk.http().get('/api/me').set(bearer(adminA))).body.memberships as Array<{ name: string }>;
    expect(memberships.map((m) => m.name)).toEqual(['Default', 'Brand B']);
  });
});
