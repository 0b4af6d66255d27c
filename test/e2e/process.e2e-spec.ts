import { existsSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { createTestDatabase } from '../../libs/db/src/testing/test-database';
import { API_MAIN, freePort, makeDataDir, spawnDesk, waitForHealth, WORKER_MAIN } from '../support/desk-process';

jest.setTimeout(120_000);

async function post(url: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** The desk as a real process: the built main, the embedded database, signals and exit codes. */
describe('the desk process', () => {
  beforeAll(() => {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run the tests through npm test, which builds first`);
  });

  it('refuses a bad configuration with exit code 1, naming every bad variable, without a stack trace', async () => {
    const desk = spawnDesk({ PORT: 'abc', LOG_LEVEL: 'loud', DATA_DIR: makeDataDir() }, 0);
    expect(await desk.exited).toBe(1);
    expect(desk.output()).toContain('PORT must be an integer');
    expect(desk.output()).toContain('LOG_LEVEL must be one of');
    expect(desk.output()).not.toMatch(/\n\s+at /);
  });

  it('refuses to start in production without JWT_SECRET and SECRETS_KEY', async () => {
    const desk = spawnDesk({ NODE_ENV: 'production', DATA_DIR: makeDataDir() }, await freePort());
    expect(await desk.exited).toBe(1);
    expect(desk.output()).toContain('JWT_SECRET is required when NODE_ENV=production');
    expect(desk.output()).toContain('SECRETS_KEY is required when NODE_ENV=production');
  });

  it('runs on the embedded database, prints a sign-in, keeps its data across a restart and exits 0 on SIGTERM', async () => {
    const dataDir = makeDataDir();
    const port = await freePort();
    const first = spawnDesk({ DATA_DIR: dataDir }, port);
    await waitForHealth(first);
    const printed = /password: (\S+)/.exec(first.output());
    expect(printed).not.toBeNull();
    const login = await post(first.url, '/api/auth/login', { email: 'admin@localhost', password: printed![1] });
    expect(login.status).toBe(200);
    const created = await post(first.url, '/api/users', { email: 'kept@test.example', name: 'Kept', password: 'kept-password-1', access: 'agent' }, login.body.accessToken);
    expect(created.status).toBe(201);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    // The embedded server stopped with the desk that owned it.
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = spawnDesk({ DATA_DIR: dataDir }, port);
    await waitForHealth(second);
    expect(second.output()).toContain('Sign in at');
    const again = await post(second.url, '/api/auth/login', { email: 'kept@test.example', password: 'kept-password-1' });
    expect(again.status).toBe(200);
    expect(again.body.user.email).toBe('kept@test.example');
    // Secrets were generated once and reused: the first run's token is still valid after the restart.
    const me = await fetch(`${second.url}/api/me`, { headers: { authorization: `Bearer ${login.body.accessToken}` } });
    expect(me.status).toBe(200);
    const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
    expect(Object.keys(secrets).sort()).toEqual(['jwtSecret', 'postgresPassword', 'secretsKey']);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs the worker alone on a shared database: it migrates, reports ready and exits 0 on SIGTERM', async () => {
    const db = await createTestDatabase();
    const worker = spawnDesk({ DATABASE_URL: db.url, DATA_DIR: makeDataDir() }, 0, WORKER_MAIN);
    const deadline = Date.now() + 30_000;
    while (!worker.output().includes('worker ready') && Date.now() < deadline && worker.child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(worker.output()).toContain('worker ready');
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    await db.drop();
  });

  it('drains on SIGTERM: a request in flight when the signal arrives is answered before the process exits 0', async () => {
    const dataDir = makeDataDir();
    const port = await freePort();
    const desk = spawnDesk({ DATA_DIR: dataDir, BOOTSTRAP_ADMIN_EMAIL: 'drain@test.example', BOOTSTRAP_ADMIN_PASSWORD: 'drain-password-1' }, port);
    await waitForHealth(desk);
    const body = JSON.stringify({ email: 'drain@test.example', password: 'drain-password-1' });
    const answered = new Promise<{ status: number; body: string }>((done, fail) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: '/api/auth/login', method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          let text = '';
          res.on('data', (d: Buffer) => (text += d.toString()));
          res.on('end', () => done({ status: res.statusCode!, body: text }));
        },
      );
      req.on('error', fail);
      // Headers and half the body now: the request is in flight when SIGTERM arrives.
      req.write(body.slice(0, 10));
      setTimeout(() => {
        desk.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(10)), 500);
      }, 300);
    });
    const response = await answered;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).accessToken).toEqual(expect.any(String));
    expect(await desk.exited).toBe(0);
    expect(desk.output()).toContain('SIGTERM: draining');
    rmSync(dataDir, { recursive: true, force: true });
  });
});
