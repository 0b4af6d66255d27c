import type { Response, Test } from 'supertest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createMember, signIn, startTestDesk, TestDesk } from '../support/desk';

type Level = 'agent' | 'lead' | 'supervisor' | 'admin';
const LEVELS: Level[] = ['agent', 'lead', 'supervisor', 'admin'];
const MEMBER_PASSWORD = 'member-password-1';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

function expectCode(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
}

let desk: TestDesk;
let admin: string;
let workspaceId: string;
let targetId: string;
const tokens = {} as Record<Level, string>;
let serial = 0;

interface RouteCase {
  route: string;
  /** Who may call it: admins always, plus the levels the controller's @RequireAccess names (all when it has none). */
  allowed: Level[];
  status: number;
  call: (token: string | undefined) => Test;
}

const withToken = (req: Test, token: string | undefined) => (token ? req.set(bearer(token)) : req);

const ROUTES: RouteCase[] = [
  {
    route: 'POST /api/users',
    allowed: ['admin'],
    status: 201,
    call: (t) => withToken(desk.http().post('/api/users'), t).send({ email: `new-${++serial}@test.example`, name: 'New', password: 'password-123', access: 'agent' }),
  },
  { route: 'GET /api/users', allowed: ['lead', 'supervisor', 'admin'], status: 200, call: (t) => withToken(desk.http().get('/api/users'), t) },
  { route: 'GET /api/users/:id', allowed: ['lead', 'supervisor', 'admin'], status: 200, call: (t) => withToken(desk.http().get(`/api/users/${targetId}`), t) },
  {
    route: 'PATCH /api/users/:id',
    allowed: ['admin'],
    status: 200,
    call: (t) => withToken(desk.http().patch(`/api/users/${targetId}`), t).send({ name: `Renamed ${++serial}` }),
  },
  {
    route: 'POST /api/workspaces',
    allowed: ['admin'],
    status: 201,
    call: (t) => withToken(desk.http().post('/api/workspaces'), t).send({ name: `Brand ${++serial}`, timezone: 'UTC' }),
  },
  { route: 'GET /api/workspace', allowed: LEVELS, status: 200, call: (t) => withToken(desk.http().get('/api/workspace'), t) },
  { route: 'GET /api/me', allowed: LEVELS, status: 200, call: (t) => withToken(desk.http().get('/api/me'), t) },
  { route: 'POST /api/auth/switch', allowed: LEVELS, status: 200, call: (t) => withToken(desk.http().post('/api/auth/switch'), t).send({ workspaceId }) },
];

beforeAll(async () => {
  desk = await startTestDesk();
  admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
  workspaceId = (await desk.http().get('/api/workspace').set(bearer(admin))).body.id;
  for (const level of LEVELS) tokens[level] = (await createMember(desk, admin, level)).token;
  targetId = (await createMember(desk, admin, 'agent')).id;
});
afterAll(() => desk.shutdown());

describe('access levels, route by route', () => {
  const cases = ROUTES.flatMap((r) => LEVELS.map((level) => ({ ...r, level, verdict: r.allowed.includes(level) ? 'allowed' : 'refused' })));

  it.each(cases)('$route as $level: $verdict', async ({ call, level, allowed, status }) => {
    const res = await call(tokens[level]);
    if (allowed.includes(level)) {
      expect({ level, status: res.status, body: res.status === status ? 'ok' : res.body }).toEqual({ level, status, body: 'ok' });
    } else {
      expectCode(res, 403, 'ACCESS_DENIED');
    }
  });

  it.each(ROUTES)('$route without a token: 401 AUTH_REQUIRED', async ({ call }) => {
    expectCode(await call(undefined), 401, 'AUTH_REQUIRED');
  });

  it('refuses before validating: a bad body from a refused caller is still 403', async () => {
    expectCode(await desk.http().post('/api/users').set(bearer(tokens.lead)).send({ email: 'nope' }), 403, 'ACCESS_DENIED');
    expectCode(await desk.http().patch('/api/users/not-a-uuid').set(bearer(tokens.supervisor)).send({}), 403, 'ACCESS_DENIED');
  });
});

describe('user management rules', () => {
  it('keeps the last active admin: no demotion, no deactivation (409 LAST_ADMIN)', async () => {
    const created = await desk.http().post('/api/workspaces').set(bearer(admin)).send({ name: 'Solo', timezone: 'UTC' });
    const solo = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD, created.body.id);
    const selfId = (await desk.http().get('/api/me').set(bearer(solo))).body.id;
    expectCode(await desk.http().patch(`/api/users/${selfId}`).set(bearer(solo)).send({ access: 'lead' }), 409, 'LAST_ADMIN');
    expectCode(await desk.http().patch(`/api/users/${selfId}`).set(bearer(solo)).send({ active: false }), 409, 'LAST_ADMIN');
    expectCode(await desk.http().patch(`/api/users/${selfId}`).set(bearer(solo)).send({ access: 'agent', active: false }), 409, 'LAST_ADMIN');
    expect((await desk.http().get(`/api/users/${selfId}`).set(bearer(solo))).body).toMatchObject({ access: 'admin', active: true });

    // With a second admin, one may step down; then the other is the last.
    const second = await createMember(desk, solo, 'admin');
    const stepDown = await desk.http().patch(`/api/users/${selfId}`).set(bearer(solo)).send({ access: 'lead' });
    expect(stepDown.status).toBe(200);
    expect(stepDown.body.access).toBe('lead');
    expectCode(await desk.http().patch(`/api/users/${second.id}`).set(bearer(second.token)).send({ access: 'supervisor' }), 409, 'LAST_ADMIN');
    expectCode(await desk.http().patch(`/api/users/${second.id}`).set(bearer(second.token)).send({ active: false }), 409, 'LAST_ADMIN');
    // Renaming the last admin is not losing them.
    expect((await desk.http().patch(`/api/users/${second.id}`).set(bearer(second.token)).send({ name: 'Still admin', access: 'admin' })).status).toBe(200);
  });

  it('keeps one admin when admins demote each other at once', async () => {
    const created = await desk.http().post('/api/workspaces').set(bearer(admin)).send({ name: 'Race', timezone: 'UTC' });
    const race = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD, created.body.id);
    const selfId = (await desk.http().get('/api/me').set(bearer(race))).body.id;
    const other = await createMember(desk, race, 'admin');
    const results = await Promise.all([
      desk.http().patch(`/api/users/${other.id}`).set(bearer(race)).send({ access: 'lead' }),
      desk.http().patch(`/api/users/${selfId}`).set(bearer(other.token)).send({ active: false }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const list = await desk.http().get('/api/users').set(bearer(results[0]!.status === 200 ? race : other.token));
    const admins = (list.body.items as Array<{ access: string; active: boolean }>).filter((u) => u.access === 'admin' && u.active);
    expect(admins).toHaveLength(1);
  });

  it('creates one membership when one e-mail is added several times at once', async () => {
    const email = `twice-${Date.now()}@test.example`;
    const results = await Promise.all(
      Array.from({ length: 5 }, () => desk.http().post('/api/users').set(bearer(admin)).send({ email, name: 'Twice', password: 'password-123', access: 'agent' })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const list = (await desk.http().get('/api/users').set(bearer(admin))).body.items as Array<{ email: string }>;
    expect(list.filter((u) => u.email === email)).toHaveLength(1);
  });

  it('a deactivated admin does not count as an admin', async () => {
    const created = await desk.http().post('/api/workspaces').set(bearer(admin)).send({ name: 'Pair', timezone: 'UTC' });
    const pair = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD, created.body.id);
    const selfId = (await desk.http().get('/api/me').set(bearer(pair))).body.id;
    const other = await createMember(desk, pair, 'admin');
    expect((await desk.http().patch(`/api/users/${other.id}`).set(bearer(pair)).send({ active: false })).status).toBe(200);
    expectCode(await desk.http().patch(`/api/users/${selfId}`).set(bearer(pair)).send({ access: 'lead' }), 409, 'LAST_ADMIN');
  });

  it('an admin may change the name and password of someone who belongs only here', async () => {
    const member = await createMember(desk, admin, 'agent');
    const res = await desk.http().patch(`/api/users/${member.id}`).set(bearer(admin)).send({ name: 'Only Here', password: 'reset-password-1' });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Only Here');
    expect((await desk.http().post('/api/auth/login').send({ email: member.email, password: 'reset-password-1' })).status).toBe(200);
    expect((await desk.http().post('/api/auth/login').send({ email: member.email, password: MEMBER_PASSWORD })).status).toBe(401);
  });

  it('an admin cannot change the name or password of someone who also belongs elsewhere, but can change their access', async () => {
    const member = await createMember(desk, admin, 'agent');
    const created = await desk.http().post('/api/workspaces').set(bearer(admin)).send({ name: 'Elsewhere', timezone: 'UTC' });
    const elsewhere = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD, created.body.id);
    expect((await desk.http().post('/api/users').set(bearer(elsewhere)).send({ email: member.email, name: 'Other', password: 'other-password-1', access: 'agent' })).status).toBe(201);

    for (const token of [admin, elsewhere]) {
      expectCode(await desk.http().patch(`/api/users/${member.id}`).set(bearer(token)).send({ name: 'Hijacked' }), 403, 'USER_MANAGED_ELSEWHERE');
      expectCode(await desk.http().patch(`/api/users/${member.id}`).set(bearer(token)).send({ password: 'hijacked-password' }), 403, 'USER_MANAGED_ELSEWHERE');
      expectCode(await desk.http().patch(`/api/users/${member.id}`).set(bearer(token)).send({ name: 'Hijacked', access: 'lead' }), 403, 'USER_MANAGED_ELSEWHERE');
    }
    const current = await desk.http().get(`/api/users/${member.id}`).set(bearer(admin));
    expect(current.body).toMatchObject({ name: 'Test agent', access: 'agent' });
    expect((await desk.http().post('/api/auth/login').send({ email: member.email, password: MEMBER_PASSWORD })).status).toBe(200);

    const promoted = await desk.http().patch(`/api/users/${member.id}`).set(bearer(elsewhere)).send({ access: 'lead' });
    expect(promoted.status).toBe(200);
    expect(promoted.body.access).toBe('lead');
    // Access is per workspace: the first workspace still has them as an agent.
    expect((await desk.http().get(`/api/users/${member.id}`).set(bearer(admin))).body.access).toBe('agent');
  });

  it('refuses an e-mail that is already a member here with 409 USER_ALREADY_MEMBER', async () => {
    const member = await createMember(desk, admin, 'agent');
    const body = { name: 'Again', password: 'password-123', access: 'lead' };
    expectCode(await desk.http().post('/api/users').set(bearer(admin)).send({ ...body, email: member.email }), 409, 'USER_ALREADY_MEMBER');
    expectCode(await desk.http().post('/api/users').set(bearer(admin)).send({ ...body, email: ` ${member.email.toUpperCase()} ` }), 409, 'USER_ALREADY_MEMBER');
    expectCode(await desk.http().post('/api/users').set(bearer(admin)).send({ ...body, email: ADMIN_EMAIL }), 409, 'USER_ALREADY_MEMBER');
    const list = (await desk.http().get('/api/users').set(bearer(admin))).body.items as Array<{ id: string; access: string }>;
    expect(list.filter((u) => u.id === member.id)).toEqual([expect.objectContaining({ access: 'agent' })]);
  });

  it('adds a user of another workspace, who signs in here with their own old password', async () => {
    const created = await desk.http().post('/api/workspaces').set(bearer(admin)).send({ name: 'Joining', timezone: 'UTC' });
    const joiningId = created.body.id as string;
    const joining = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD, joiningId);
    const existing = await createMember(desk, admin, 'lead');

    const res = await desk.http().post('/api/users').set(bearer(joining)).send({ email: existing.email, name: 'Renamed By Other', password: 'chosen-by-other-admin', access: 'supervisor' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: existing.id, email: existing.email, name: 'Test lead', access: 'supervisor' });

    const own = await desk.http().post('/api/auth/login').send({ email: existing.email, password: MEMBER_PASSWORD, workspaceId: joiningId });
    expect(own.status).toBe(200);
    expect(own.body.user).toMatchObject({ id: existing.id, workspaceId: joiningId, access: 'supervisor', name: 'Test lead' });
    expectCode(
      await desk.http().post('/api/auth/login').send({ email: existing.email, password: 'chosen-by-other-admin', workspaceId: joiningId }),
      401,
      'INVALID_CREDENTIALS',
    );
    // Their first workspace is untouched and stays their default.
    const again = await desk.http().post('/api/auth/login').send({ email: existing.email, password: MEMBER_PASSWORD });
    expect(again.body.user).toMatchObject({ workspaceId, access: 'lead' });
  });
});
