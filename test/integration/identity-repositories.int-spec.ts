import { DataSource } from 'typeorm';
import { DomainException, FixedClock } from '@app/common';
import { AuthService, Member, MembershipRepository, toAuthUser, UsersService, WorkspaceRepository } from '@app/identity';
import { LoginThrottleService } from '@app/identity/auth/login-throttle.service';
import { createTestDatabase, TestDatabase } from '../../libs/db/src/testing/test-database';
import { IdentityApp, startIdentityApp } from './identity-app';

jest.setTimeout(60_000);

const codeOf = (result: PromiseSettledResult<unknown>) =>
  result.status === 'rejected' ? (result.reason instanceof DomainException ? result.reason.code : String(result.reason)) : 'ok';

describe('identity on PostgreSQL', () => {
  let db: TestDatabase;
  let app: IdentityApp;
  let users: UsersService;
  let memberships: MembershipRepository;
  let workspaces: WorkspaceRepository;
  const clock = new FixedClock(new Date('2030-01-01T09:00:00Z'));
  let n = 0;
  const newUser = (access: Member['access'], email = `person${++n}@test.example`) => ({ email, name: email, password: 'password-1', access });
  const newWorkspace = async () => (await workspaces.create({ name: `ws ${++n}`, timezone: 'UTC' })).id;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startIdentityApp(db.url, { clock });
    users = app.get(UsersService);
    memberships = app.get(MembershipRepository);
    workspaces = app.get(WorkspaceRepository);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('never answers with a member of another workspace', async () => {
    const [a, b] = [await newWorkspace(), await newWorkspace()];
    const alice = await users.create(a, newUser('agent'));
    const bob = await users.create(b, newUser('admin'));
    const carol = await users.create(a, newUser('admin'));
    const carolInB = await users.create(b, { ...newUser('agent'), email: carol.email.toUpperCase() });
    expect(carolInB.id).toBe(carol.id);

    expect(await memberships.findMember(b, alice.id)).toBeNull();
    expect(await memberships.findMember(a, bob.id)).toBeNull();
    expect((await memberships.listMembers(a)).map((m) => m.id).sort()).toEqual([alice.id, carol.id].sort());
    expect((await memberships.listMembers(b)).map((m) => m.id).sort()).toEqual([bob.id, carol.id].sort());
    expect(await memberships.findMember(a, carol.id)).toMatchObject({ workspaceId: a, access: 'admin' });
    expect(await memberships.findMember(b, carol.id)).toMatchObject({ workspaceId: b, access: 'agent' });
    await expect(users.get(b, alice.id)).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });

    // A write naming the wrong workspace changes nothing in the right one.
    await memberships.update(b, alice.id, { access: 'admin', active: false });
    expect(await memberships.findMember(a, alice.id)).toMatchObject({ access: 'agent', active: true });
    expect((await memberships.listForUser(alice.id)).map((m) => m.workspaceId)).toEqual([a]);
    expect((await memberships.listForUser(carol.id)).map((m) => m.workspaceId)).toEqual([a, b]);
  });

  it('creates one user for one e-mail under concurrent creations', async () => {
    const [a, b] = [await newWorkspace(), await newWorkspace()];
    const count = async (email: string) =>
      Number((await app.get(DataSource).query('SELECT count(*) AS n FROM users WHERE lower(email) = lower($1)', [email]))[0].n);

    const across = await Promise.all([users.create(a, newUser('agent', 'Twin@Test.example')), users.create(b, newUser('lead', 'twin@test.EXAMPLE'))]);
    expect(across[0].id).toBe(across[1].id);
    expect(await count('twin@test.example')).toBe(1);

    for (let round = 0; round < 3; round++) {
      const email = `race${round}@test.example`;
      const results = await Promise.allSettled([users.create(a, newUser('agent', email)), users.create(a, newUser('agent', email))]);
      expect(results.map(codeOf).sort()).toEqual(['USER_ALREADY_MEMBER', 'ok']);
      expect(await count(email)).toBe(1);
    }
  });

  it('keeps one active admin when two admins lose admin at once', async () => {
    const ws = await newWorkspace();
    const x = await users.create(ws, newUser('admin'));
    const y = await users.create(ws, newUser('admin'));
    const activeAdmins = async () => (await memberships.listMembers(ws)).filter((m) => m.access === 'admin' && m.active).map((m) => m.id);

    for (const patchY of [{ access: 'agent' as const }, { active: false }]) {
      const results = await Promise.allSettled([
        users.update(toAuthUser(x), ws, x.id, { access: 'lead' }),
        users.update(toAuthUser(y), ws, y.id, patchY),
      ]);
      expect(results.map(codeOf).sort()).toEqual(['LAST_ADMIN', 'ok']);
      expect(await activeAdmins()).toHaveLength(1);
      const [survivor] = await activeAdmins();
      await expect(users.update(toAuthUser((await memberships.findMember(ws, survivor!))!), ws, survivor!, { active: false })).rejects.toMatchObject({
        code: 'LAST_ADMIN',
      });
      // Both admins again for the next round.
      await users.update(toAuthUser(x), ws, x.id, { access: 'admin', active: true });
      await users.update(toAuthUser(y), ws, y.id, { access: 'admin', active: true });
      expect((await activeAdmins()).sort()).toEqual([x.id, y.id].sort());
    }
  });

  it('throttles sign-in after 5 failures until the block has passed', async () => {
    const auth = app.get(AuthService);
    const ws = await newWorkspace();
    const user = await users.create(ws, { ...newUser('agent'), password: 'right-password' });
    const ip = '203.0.113.7';
    const attempt = (password: string, from = ip) => auth.verifyCredentials(user.email, password, from).catch((e: DomainException) => e);

    for (let i = 0; i < 5; i++) expect(await attempt('wrong')).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const throttled = await attempt('right-password');
    expect(throttled).toMatchObject({ code: 'LOGIN_THROTTLED', headers: { 'Retry-After': '900' } });
    expect((throttled as DomainException).getStatus()).toBe(429);
    // The block is per account and address: the same account from elsewhere still signs in.
    expect(await attempt('right-password', '198.51.100.1')).toMatchObject({ id: user.id, workspaceId: ws });

    clock.advance(600);
    expect(await attempt('right-password')).toMatchObject({ code: 'LOGIN_THROTTLED', headers: { 'Retry-After': '300' } });
    clock.advance(301);
    expect(await attempt('right-password')).toMatchObject({ id: user.id, access: 'agent' });

    // A success clears the account's count: 4 + 4 failures around it do not block.
    for (let i = 0; i < 4; i++) await attempt('wrong');
    expect(await attempt('right-password')).toMatchObject({ id: user.id });
    for (let i = 0; i < 4; i++) await attempt('wrong');
    expect(await attempt('right-password')).toMatchObject({ id: user.id });
  });

  it('counts every one of concurrent attempts, so guesses sent at once are throttled too', async () => {
    const throttle = app.get(LoginThrottleService);
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => throttle.beginAttempt('concurrent@test.example', '192.0.2.5')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(3).fill('LOGIN_THROTTLED'));
  });

  it('throttles one address that fails 30 times across many accounts', async () => {
    const throttle = app.get(LoginThrottleService);
    const ip = '192.0.2.99';
    for (let i = 0; i < 30; i++) await throttle.beginAttempt(`sprayed${i}@test.example`, ip);
    await expect(throttle.beginAttempt('fresh@test.example', ip)).rejects.toMatchObject({ code: 'LOGIN_THROTTLED' });
    await expect(throttle.beginAttempt('fresh@test.example', '192.0.2.100')).resolves.toBeUndefined();
    clock.advance(15 * 60);
    await expect(throttle.beginAttempt('fresh@test.example', ip)).resolves.toBeUndefined();
  });

  it('takes a successful attempt back from the address count', async () => {
    const throttle = app.get(LoginThrottleService);
    const ip = '192.0.2.150';
    // 29 wrong guesses and many right sign-ins from one office address never block it.
    for (let i = 0; i < 29; i++) await throttle.beginAttempt(`typo${i}@test.example`, ip);
    for (let i = 0; i < 10; i++) {
      await throttle.beginAttempt('colleague@test.example', ip);
      await throttle.attemptSucceeded('colleague@test.example', ip);
    }
    await expect(throttle.beginAttempt('last@test.example', ip)).resolves.toBeUndefined();
    await expect(throttle.beginAttempt('blocked-now@test.example', ip)).rejects.toMatchObject({ code: 'LOGIN_THROTTLED' });
  });
});
