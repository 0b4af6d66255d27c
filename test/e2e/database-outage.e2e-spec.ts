import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgres } from '../../libs/db/src/embedded/embedded-postgres';
import { API_MAIN, DeskProcess, freePort, makeDataDir, spawnDesk, waitForHealth } from '../support/desk-process';

jest.setTimeout(120_000);

const ADMIN = { email: 'outage@test.example', password: 'outage-password-1' };
const SECRET = 'outage-channel-secret';

interface Answer {
  status: number;
  body: any;
  retryAfter: string | null;
  ms: number;
}

async function call(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const started = Date.now();
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, body: await res.json().catch(() => null), retryAfter: res.headers.get('retry-after'), ms: Date.now() - started };
}

/**
 * The database stopped under a running desk (its own throwaway server, never the shared one): webhooks and API calls
 * are answered 503 DATABASE_UNAVAILABLE with Retry-After at once, so platforms redeliver; /health says 503; and when
 * the server is back the same process takes webhooks and processes them again, with no restart.
 */
describe('a database outage under a running desk', () => {
  let server: EmbeddedPostgres;
  let desk: DeskProcess | undefined;
  const dataDir = makeDataDir();

  beforeAll(async () => {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run the tests through npm test, which builds first`);
    server = new EmbeddedPostgres({ dir: join(dataDir, 'pg'), password: randomBytes(12).toString('hex'), database: 'desk', port: await freePort() });
    await server.start();
  });
  afterAll(async () => {
    desk?.child.kill('SIGKILL');
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After while the database is down and carries on by itself when it is back', async () => {
    desk = spawnDesk({ DATABASE_URL: server.url('desk'), DATA_DIR: dataDir, BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'warn' }, await freePort());
    await waitForHealth(desk);
    const token = (await call(desk.url, 'POST', '/api/auth/login', ADMIN)).body.accessToken as string;
    const auth = { authorization: `Bearer ${token}` };
    const channel = (await call(desk.url, 'POST', '/api/channels', { type: 'api', name: 'outage', config: { secret: SECRET } }, auth)).body;
    const webhook = (id: string) => {
      const body = JSON.stringify({ id, kind: 'message', author: { id: 'someone' }, text: `event ${id}` });
      return call(desk!.url, 'POST', `/webhooks/${channel.id}`, body, { 'x-signature': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` });
    };
    expect((await webhook('before')).status).toBe(200);

    await server.stop();
    const during = [await webhook('during-1'), await webhook('during-2'), await call(desk.url, 'GET', '/api/conversations', undefined, auth)];
    for (const answer of during) {
      expect({ status: answer.status, code: answer.body?.code, retryAfter: answer.retryAfter }).toEqual({ status: 503, code: 'DATABASE_UNAVAILABLE', retryAfter: '5' });
      expect(answer.ms).toBeLessThan(10_000);
      expect(JSON.stringify(answer.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|SELECT/);
    }
    const health = await call(desk.url, 'GET', '/health');
    expect({ status: health.status, code: health.body?.code, retryAfter: health.retryAfter }).toEqual({ status: 503, code: 'SERVICE_UNAVAILABLE', retryAfter: '5' });

    await server.start();
    await waitForHealth(desk, 30_000);
    // The platform redelivers what got a 503: now it is stored, and the same process's workers process it.
    expect((await webhook('during-1')).status).toBe(200);
    expect((await webhook('after')).status).toBe(200);
    const sql = new Client({ connectionString: server.url('desk') });
    await sql.connect();
    try {
      const deadline = Date.now() + 30_000;
      let ids: string[] = [];
      while (Date.now() < deadline && ids.length < 3) {
        ids = (await sql.query<{ external_id: string }>(`SELECT external_id FROM messages ORDER BY external_id`)).rows.map((r) => r.external_id);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(ids).toEqual(['after', 'before', 'during-1']);
    } finally {
      await sql.end();
    }
    expect(desk.child.exitCode).toBeNull();
    desk.child.kill('SIGTERM');
    expect(await desk.exited).toBe(0);
    desk = undefined;
  });
});
