import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuthService, BootstrapService, MembershipRepository } from '@app/identity';
import { createTestDatabase, TestDatabase } from '../../libs/db/src/testing/test-database';
import { IdentityApp, startIdentityApp } from './identity-app';

jest.setTimeout(60_000);

const ENV_ADMIN = { BOOTSTRAP_ADMIN_EMAIL: 'Boss@Test.example', BOOTSTRAP_ADMIN_PASSWORD: 'boss-password-1' };

describe('BootstrapService.ensureFirstAdmin', () => {
  const apps: IdentityApp[] = [];
  const databases: TestDatabase[] = [];
  const start = async (url: string, env: Record<string, string> = {}) => {
    const app = await startIdentityApp(url, { env, providers: [BootstrapService] });
    apps.push(app);
    return app;
  };
  const fresh = async () => {
    const db = await createTestDatabase();
    databases.push(db);
    return db.url;
  };
  const count = async (app: IdentityApp, table: 'workspaces' | 'users' | 'memberships') =>
    Number((await app.get(DataSource).query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await Promise.all(databases.map((d) => d.drop()));
  });

  it('creates workspace "Default" and the configured admin on an empty database, once', async () => {
    const app = await start(await fresh(), ENV_ADMIN);
    const bootstrap = app.get(BootstrapService);

    expect(await bootstrap.ensureFirstAdmin()).toEqual({ created: true, email: 'boss@test.example', password: undefined });
    expect(await bootstrap.ensureFirstAdmin()).toEqual({ created: false });
    expect([await count(app, 'workspaces'), await count(app, 'users'), await count(app, 'memberships')]).toEqual([1, 1, 1]);
    const [workspace] = await app.get(DataSource).query('SELECT id, name FROM workspaces');
    expect(workspace.name).toBe('Default');

    const admin = await app.get(AuthService).verifyCredentials('boss@test.example', ENV_ADMIN.BOOTSTRAP_ADMIN_PASSWORD, '127.0.0.1');
    expect(admin).toMatchObject({ email: 'boss@test.example', access: 'admin', workspaceId: workspace.id });
    expect(existsSync(join(app.config.dataDir, 'initial-admin-password'))).toBe(false);
  });

  it('creates one workspace when two instances bootstrap one database at once', async () => {
    const url = await fresh();
    const [a, b] = await Promise.all([start(url, ENV_ADMIN), start(url, ENV_ADMIN)]);
    const results = await Promise.all([a.get(BootstrapService).ensureFirstAdmin(), b.get(BootstrapService).ensureFirstAdmin()]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect([await count(a, 'workspaces'), await count(a, 'users'), await count(a, 'memberships')]).toEqual([1, 1, 1]);
  });

  it('without BOOTSTRAP_ADMIN_* creates admin@localhost with a generated password that signs in', async () => {
    const url = await fresh();
    const [a, b] = await Promise.all([start(url), start(url)]);
    const results = await Promise.all([a.get(BootstrapService).ensureFirstAdmin(), b.get(BootstrapService).ensureFirstAdmin()]);
    const winner = results.find((r) => r.created)!;
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(winner.email).toBe('admin@localhost');
    expect(winner.password).toEqual(expect.any(String));
    expect(winner.password!.length).toBeGreaterThanOrEqual(12);
    expect(await count(a, 'workspaces')).toBe(1);

    const admin = await a.get(AuthService).verifyCredentials('admin@localhost', winner.password!, '127.0.0.1');
    expect(admin).toMatchObject({ email: 'admin@localhost', access: 'admin' });
    expect(await b.get(MembershipRepository).listForUser(admin.id)).toEqual([
      expect.objectContaining({ name: 'Default', access: 'admin', active: true }),
    ]);
    await expect(a.get(AuthService).verifyCredentials('admin@localhost', 'not-the-password', '127.0.0.1')).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
    });

    // The winner keeps the password, readable by its owner only, to print it again at the next start.
    const holder = results[0]!.created ? a : b;
    const file = join(holder.config.dataDir, 'initial-admin-password');
    expect(readFileSync(file, 'utf8')).toBe(winner.password);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
