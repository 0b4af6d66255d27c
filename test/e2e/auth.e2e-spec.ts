import * as jwt from 'jsonwebtoken';
import type { Response } from 'supertest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createMember, signIn, startTestDesk, TestDesk } from '../support/desk';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MEMBER_PASSWORD = 'member-password-1';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

function expectCode(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  expect(Object.keys(res.body).sort()).toEqual(['code', 'error', 'message', 'statusCode']);
}

/** Replaces the character at `index` of one token segment with another valid base64url character. */
function tamper(token: string, segment: 1 | 2, index: number): string {
  const parts = token.split('.');
  const s = parts[segment]!;
  const swapped = s[index] === 'A' ? 'B' : 'A';
  parts[segment] = s.slice(0, index) + swapped + s.slice(index + 1);
  return parts.join('.');
}

describe('auth', () => {
  let desk: TestDesk;
  let admin: string;
  let adminId: string;
  let defaultWorkspace: string;
  let secondWorkspace: string;
  const login = (body: object) => desk.http().post('/api/auth/login').send(body);
  const me = (token: string) => desk.http().get('/api/me').set(bearer(token));
  const sign = (payload: object, secret = desk.config.jwtSecret, options: jwt.SignOptions = {}) =>
    jwt.sign(payload, secret, { algorithm: 'HS256', ...options });

  beforeAll(async () => {
    desk = await startTestDesk();
    admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
    const self = await me(admin);
    adminId = self.body.id;
    defaultWorkspace = self.body.workspaceId;
    const created = await desk.http().post('/api/workspaces').set(bearer(admin)).send({ name: 'Second brand', timezone: 'Europe/Rome' });
    expect(created.status).toBe(201);
    secondWorkspace = created.body.id;
  });
  afterAll(() => desk.shutdown());

  it('signs in with {accessToken, expiresIn, user}', async () => {
    const res = await login({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'expiresIn', 'user']);
    expect(Object.keys(res.body.user).sort()).toEqual(['access', 'email', 'id', 'name', 'workspaceId']);
    expect(res.body.user).toEqual({ id: adminId, email: ADMIN_EMAIL, name: expect.any(String), access: 'admin', workspaceId: defaultWorkspace });
    expect(res.body.user.id).toMatch(UUID);
    expect(Number.isInteger(res.body.expiresIn) && res.body.expiresIn > 0).toBe(true);
    const claims = jwt.verify(res.body.accessToken, desk.config.jwtSecret) as jwt.JwtPayload;
    expect(claims).toMatchObject({ sub: adminId, wid: defaultWorkspace });
    expect(claims.exp! - claims.iat!).toBe(res.body.expiresIn);
    expect((await me(res.body.accessToken)).status).toBe(200);
    // The e-mail is matched without regard to case.
    expect((await login({ email: ADMIN_EMAIL.toUpperCase(), password: ADMIN_PASSWORD })).status).toBe(200);
  });

  it('gives a wrong password and an unknown e-mail the same 401', async () => {
    const wrong = await login({ email: ADMIN_EMAIL, password: 'not-the-password' });
    const unknown = await login({ email: 'nobody@test.example', password: 'not-the-password' });
    expectCode(wrong, 401, 'INVALID_CREDENTIALS');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(unknown.headers['www-authenticate']).toEqual(wrong.headers['www-authenticate']);
  });

  it('lists each missing field with 400 VALIDATION_FAILED', async () => {
    const none = await login({});
    expectCode(none, 400, 'VALIDATION_FAILED');
    expect(none.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^email/), expect.stringMatching(/^password/)]));
    const noPassword = await login({ email: ADMIN_EMAIL });
    expectCode(noPassword, 400, 'VALIDATION_FAILED');
    expect(noPassword.body.message).toEqual([expect.stringMatching(/^password/)]);
    const badWorkspace = await login({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD, workspaceId: 'nope' });
    expectCode(badWorkspace, 400, 'VALIDATION_FAILED');
    expect(badWorkspace.body.message).toEqual([expect.stringMatching(/^workspaceId/)]);
  });

  it('throttles an account after 5 failures from one address, even for the right password', async () => {
    const target = await createMember(desk, admin, 'agent');
    const bystander = await createMember(desk, admin, 'agent');
    for (let i = 0; i < 5; i++) expectCode(await login({ email: target.email, password: `wrong-${i}` }), 401, 'INVALID_CREDENTIALS');
    const blocked = await login({ email: target.email, password: MEMBER_PASSWORD });
    expectCode(blocked, 429, 'LOGIN_THROTTLED');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 15 * 60).toBe(true);
    expectCode(await login({ email: target.email.toUpperCase(), password: MEMBER_PASSWORD }), 429, 'LOGIN_THROTTLED');
    // Another account from the same address is not blocked, and the blocked one's live token still works.
    expect((await login({ email: bystander.email, password: MEMBER_PASSWORD })).status).toBe(200);
    expect((await me(target.token)).status).toBe(200);
  });

  it('throttles concurrent guesses too: at most 5 of 20 at once are checked', async () => {
    const target = await createMember(desk, admin, 'agent');
    const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => login({ email: target.email, password: `guess-${i}` })));
    const codes = guesses.map((r) => r.body.code as string);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS').length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c !== 'INVALID_CREDENTIALS' && c !== 'LOGIN_THROTTLED')).toEqual([]);
    expectCode(await login({ email: target.email, password: MEMBER_PASSWORD }), 429, 'LOGIN_THROTTLED');
  });

  it('resets the failure count of an account on a successful sign-in', async () => {
    const member = await createMember(desk, admin, 'agent');
    for (let i = 0; i < 4; i++) expectCode(await login({ email: member.email, password: 'wrong' }), 401, 'INVALID_CREDENTIALS');
    expect((await login({ email: member.email, password: MEMBER_PASSWORD })).status).toBe(200);
    for (let i = 0; i < 4; i++) expectCode(await login({ email: member.email, password: 'wrong' }), 401, 'INVALID_CREDENTIALS');
    expect((await login({ email: member.email, password: MEMBER_PASSWORD })).status).toBe(200);
  });

  it('accepts a token it signed itself and refuses an expired one with TOKEN_EXPIRED', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await me(sign({ sub: adminId, wid: defaultWorkspace, exp: now + 60 }))).status).toBe(200);
    expectCode(await me(sign({ sub: adminId, wid: defaultWorkspace, iat: now - 120, exp: now - 60 })), 401, 'TOKEN_EXPIRED');
  });

  it('refuses a tampered token with TOKEN_INVALID', async () => {
    expect((await me(admin)).status).toBe(200);
    expectCode(await me(tamper(admin, 1, 5)), 401, 'TOKEN_INVALID');
    expectCode(await me(tamper(admin, 2, 10)), 401, 'TOKEN_INVALID');
    // A well-formed payload naming someone else, with the original signature.
    const agent = await createMember(desk, admin, 'agent');
    const [header, , signature] = agent.token.split('.');
    const claims = jwt.decode(agent.token) as jwt.JwtPayload;
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: adminId })).toString('base64url');
    expectCode(await me(`${header}.${forged}.${signature}`), 401, 'TOKEN_INVALID');
  });

  it('refuses tokens signed with another secret, with alg none, or naming no member, with TOKEN_INVALID', async () => {
    const payload = { sub: adminId, wid: defaultWorkspace };
    expectCode(await me(sign(payload, 'another-secret-of-at-least-32-characters!!')), 401, 'TOKEN_INVALID');
    expectCode(await me(jwt.sign(payload, '', { algorithm: 'none' })), 401, 'TOKEN_INVALID');
    expectCode(await me(sign(payload, desk.config.jwtSecret, { algorithm: 'HS512' })), 401, 'TOKEN_INVALID');
    expectCode(await me(sign({ sub: adminId, wid: '00000000-0000-4000-8000-000000000000' })), 401, 'TOKEN_INVALID');
    expectCode(await me(sign({ sub: '00000000-0000-4000-8000-000000000000', wid: defaultWorkspace })), 401, 'TOKEN_INVALID');
    expectCode(await me('not-a-jwt'), 401, 'TOKEN_INVALID');
  });

  it('answers a request without a token with AUTH_REQUIRED', async () => {
    expectCode(await desk.http().get('/api/me'), 401, 'AUTH_REQUIRED');
    expectCode(await desk.http().get('/api/me').set('Authorization', `Basic ${Buffer.from('a:b').toString('base64')}`), 401, 'AUTH_REQUIRED');
    expectCode(await desk.http().get('/api/me').set('Authorization', admin), 401, 'AUTH_REQUIRED');
    expectCode(await desk.http().post('/api/auth/switch').send({ workspaceId: secondWorkspace }), 401, 'AUTH_REQUIRED');
  });

  it('GET /api/me returns the user with every membership', async () => {
    const res = await me(admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: adminId, email: ADMIN_EMAIL, access: 'admin', workspaceId: defaultWorkspace });
    expect(res.body.memberships).toEqual([
      { workspaceId: defaultWorkspace, name: 'Default', access: 'admin' },
      { workspaceId: secondWorkspace, name: 'Second brand', access: 'admin' },
    ]);
  });

  it('switches to another of the user’s workspaces, and not to one they are not in', async () => {
    const res = await desk.http().post('/api/auth/switch').set(bearer(admin)).send({ workspaceId: secondWorkspace });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: adminId, workspaceId: secondWorkspace, access: 'admin' });
    expect((await desk.http().get('/api/workspace').set(bearer(res.body.accessToken))).body).toEqual({ id: secondWorkspace, name: 'Second brand', timezone: 'Europe/Rome' });
    expect((await me(res.body.accessToken)).body.workspaceId).toBe(secondWorkspace);
    expect((await me(admin)).body.workspaceId).toBe(defaultWorkspace); // the old token still acts where it did

    const agent = await createMember(desk, admin, 'agent');
    expectCode(await desk.http().post('/api/auth/switch').set(bearer(agent.token)).send({ workspaceId: secondWorkspace }), 404, 'WORKSPACE_NOT_FOUND');
    expectCode(await desk.http().post('/api/auth/switch').set(bearer(agent.token)).send({ workspaceId: '00000000-0000-4000-8000-000000000000' }), 404, 'WORKSPACE_NOT_FOUND');
    expectCode(await desk.http().post('/api/auth/switch').set(bearer(agent.token)).send({ workspaceId: 'x' }), 400, 'VALIDATION_FAILED');
  });

  it('picks the workspace with workspaceId at sign-in; a workspace the user is not in gives 401', async () => {
    expect((await login({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD })).body.user.workspaceId).toBe(defaultWorkspace);
    const picked = await login({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD, workspaceId: secondWorkspace });
    expect(picked.status).toBe(200);
    expect(picked.body.user.workspaceId).toBe(secondWorkspace);
    expect((jwt.decode(picked.body.accessToken) as jwt.JwtPayload).wid).toBe(secondWorkspace);

    const agent = await createMember(desk, admin, 'agent');
    const refused = await login({ email: agent.email, password: MEMBER_PASSWORD, workspaceId: secondWorkspace });
    expect(refused.status).toBe(401);
    expect(refused.body.accessToken).toBeUndefined();
    expect((await login({ email: agent.email, password: MEMBER_PASSWORD, workspaceId: '00000000-0000-4000-8000-000000000000' })).status).toBe(401);
  });

  it('a deactivated member cannot sign in and their token stops working at once', async () => {
    const agent = await createMember(desk, admin, 'agent');
    expect((await me(agent.token)).status).toBe(200);
    const off = await desk.http().patch(`/api/users/${agent.id}`).set(bearer(admin)).send({ active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expectCode(await me(agent.token), 401, 'MEMBERSHIP_INACTIVE');
    expectCode(await desk.http().get('/api/workspace').set(bearer(agent.token)), 401, 'MEMBERSHIP_INACTIVE');
    const refused = await login({ email: agent.email, password: MEMBER_PASSWORD });
    expectCode(refused, 401, 'MEMBERSHIP_INACTIVE');
    expect((await login({ email: agent.email, password: 'wrong-password' })).body.code).toBe('INVALID_CREDENTIALS');
    expect((await desk.http().patch(`/api/users/${agent.id}`).set(bearer(admin)).send({ active: true })).status).toBe(200);
    expect((await me(agent.token)).status).toBe(200);
  });

  it('deactivation in one workspace leaves the member’s other workspaces working', async () => {
    const agent = await createMember(desk, admin, 'agent');
    const inSecond = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD, secondWorkspace);
    const added = await desk.http().post('/api/users').set(bearer(inSecond)).send({ email: agent.email, name: 'X', password: 'other-password-1', access: 'lead' });
    expect(added.status).toBe(201);
    expect((await desk.http().patch(`/api/users/${agent.id}`).set(bearer(admin)).send({ active: false })).status).toBe(200);
    expectCode(await me(agent.token), 401, 'MEMBERSHIP_INACTIVE');
    expectCode(await login({ email: agent.email, password: MEMBER_PASSWORD, workspaceId: defaultWorkspace }), 401, 'MEMBERSHIP_INACTIVE');
    const fallback = await login({ email: agent.email, password: MEMBER_PASSWORD });
    expect(fallback.body.user).toMatchObject({ workspaceId: secondWorkspace, access: 'lead' });
    const second = fallback.body.accessToken as string;
    expect((await me(second)).body.memberships).toEqual([{ workspaceId: secondWorkspace, name: 'Second brand', access: 'lead' }]);
    expectCode(await desk.http().post('/api/auth/switch').set(bearer(second)).send({ workspaceId: defaultWorkspace }), 404, 'WORKSPACE_NOT_FOUND');
  });

  it('a change of access applies to the existing token at once', async () => {
    const member = await createMember(desk, admin, 'agent');
    expectCode(await desk.http().get('/api/users').set(bearer(member.token)), 403, 'ACCESS_DENIED');
    expect((await desk.http().patch(`/api/users/${member.id}`).set(bearer(admin)).send({ access: 'lead' })).body.access).toBe('lead');
    expect((await desk.http().get('/api/users').set(bearer(member.token))).status).toBe(200);
    expect((await me(member.token)).body.access).toBe('lead');
    await desk.http().patch(`/api/users/${member.id}`).set(bearer(admin)).send({ access: 'agent' });
    expectCode(await desk.http().get('/api/users').set(bearer(member.token)), 403, 'ACCESS_DENIED');
    expect((await me(member.token)).body.access).toBe('agent');
  });
});
