import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgres } from '../../libs/db/src/embedded/embedded-postgres';

jest.setTimeout(60_000);

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('EmbeddedPostgres', () => {
  const root = mkdtempSync(join(tmpdir(), 'desk-embedded-'));
  chmodSync(root, 0o755); // as root, the server runs as the postgres user, who must reach the cluster
  const dir = join(root, 'pg');
  const password = randomBytes(9).toString('hex');
  const logs: string[] = [];
  const servers: EmbeddedPostgres[] = [];
  const make = () => {
    const server = new EmbeddedPostgres({ dir, password, database: 'desk', log: (line) => logs.push(line) });
    servers.push(server);
    return server;
  };
  const running = () => existsSync(join(dir, 'postmaster.pid'));

  afterAll(async () => {
    for (const server of servers.reverse()) await server.stop().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  });

  let url: string;

  it('initialises once, and keeps its data across a stop and a start', async () => {
    const first = make();
    const firstUrl = await first.start();
    expect(firstUrl).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/desk$/);
    expect(logs.some((l) => l.includes('initialised'))).toBe(true);
    await query(firstUrl, `CREATE TABLE kept (v text); INSERT INTO kept VALUES ('survives')`);
    await first.stop();
    expect(running()).toBe(false);
    await expect(query(firstUrl, 'SELECT 1')).rejects.toThrow();

    logs.length = 0;
    url = await make().start();
    expect(logs.some((l) => l.includes('initialised'))).toBe(false);
    expect(logs.some((l) => l.includes('started'))).toBe(true);
    expect(await query(url, 'SELECT v FROM kept')).toEqual([{ v: 'survives' }]);
  });

  it('lets a second instance reuse the running server without ever stopping it', async () => {
    logs.length = 0;
    const second = make();
    expect(await second.start()).toBe(url);
    expect(logs).toEqual([expect.stringMatching(/already running on port \d+$/)]);
    await second.stop();
    expect(running()).toBe(true);
    expect(await query(url, 'SELECT v FROM kept')).toEqual([{ v: 'survives' }]);
  });

  it('adopts a server whose owner died, and stops it as its new owner', async () => {
    const deadPid = spawnSync('true').pid!;
    writeFileSync(join(dir, 'desk-owner.pid'), String(deadPid));
    logs.length = 0;
    const heir = make();
    expect(await heir.start()).toBe(url);
    expect(logs).toEqual([expect.stringContaining('(adopted)')]);
    await heir.stop();
    expect(running()).toBe(false);
    await expect(query(url, 'SELECT 1')).rejects.toThrow();
  });
});
