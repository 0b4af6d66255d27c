import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createTestDatabase, TestDatabase } from '../../libs/db/src/testing/test-database';
import { API_MAIN, DeskProcess, freePort, makeDataDir, spawnDesk, waitForHealth } from '../support/desk-process';

jest.setTimeout(180_000);

const ADMIN = { email: 'crash@test.example', password: 'crash-password-1' };
const SECRET = 'crash-channel-secret';

async function call(url: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** A 2xx is a promise: a desk killed with SIGKILL mid-stream still turns every acknowledged event into a message. */
describe('durable ingestion across SIGKILL', () => {
  let db: TestDatabase;
  let desk: DeskProcess | undefined;
  let dataDir: string;
  // One DATA_DIR for both runs: it holds SECRETS_KEY, which the channel's sealed credentials need.
  const env = () => ({ DATABASE_URL: db.url, DATA_DIR: dataDir, BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password, LOG_LEVEL: 'warn' });

  beforeAll(async () => {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run the tests through npm test, which builds first`);
    db = await createTestDatabase();
    dataDir = makeDataDir();
  });
  afterAll(async () => {
    desk?.child.kill('SIGKILL');
    await db.drop();
  });

  it('loses no acknowledged event', async () => {
    const port = await freePort();
    desk = spawnDesk(env(), port);
    await waitForHealth(desk);
    const token = (await call(desk.url, 'POST', '/api/auth/login', ADMIN)).body.accessToken as string;
    const channel = (await call(desk.url, 'POST', '/api/channels', { type: 'api', name: 'crash', config: { secret: SECRET } }, token)).body;
    expect(channel.id).toBeDefined();

    const acknowledged: string[] = [];
    let sent = 0;
    let stop = false;
    const sender = async (worker: number) => {
      for (let i = 0; !stop; i++) {
        const id = `crash-${worker}-${i}`;
        const body = JSON.stringify({ id, kind: 'message', author: { id: `author-${worker}-${i % 7}` }, text: `event ${id} ✓` });
        const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
        sent++;
        try {
          const res = await fetch(`${desk!.url}/webhooks/${channel.id}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-signature': signature }, body });
          if (res.status === 200) acknowledged.push(id);
        } catch {
          return; // the server is gone: whatever was not answered was never promised
        }
      }
    };
    const senders = Promise.all([0, 1, 2, 3].map(sender));
    while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 10));
    desk.child.kill('SIGKILL');
    await desk.exited;
    stop = true;
    await senders;
    expect(sent).toBeGreaterThan(acknowledged.length - 1);

    desk = spawnDesk(env(), port);
    await waitForHealth(desk);
    const again = (await call(desk.url, 'POST', '/api/auth/login', ADMIN)).body.accessToken as string;
    const deadline = Date.now() + 60_000;
    let externalIds = new Set<string>();
    while (Date.now() < deadline) {
      const pending = await call(desk.url, 'GET', `/api/channels/${channel.id}/events?status=pending&limit=1`, undefined, again);
      if (pending.body.items.length === 0) {
        externalIds = await storedMessages(db);
        if (acknowledged.every((id) => externalIds.has(id))) break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const lost = acknowledged.filter((id) => !externalIds.has(id));
    expect(lost).toEqual([]);
    expect(externalIds.size).toBeGreaterThanOrEqual(acknowledged.length);
    desk.child.kill('SIGTERM');
    expect(await desk.exited).toBe(0);
    desk = undefined;
  });
});

async function storedMessages(db: TestDatabase): Promise<Set<string>> {
  const { Client } = await import('pg');
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ external_id: string }>(`SELECT external_id FROM messages WHERE external_id LIKE 'crash-%'`);
    const ids = rows.map((r) => r.external_id);
    // Stored once: no external id twice.
    expect(new Set(ids).size).toBe(ids.length);
    return new Set(ids);
  } finally {
    await client.end();
  }
}
