import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '../cli/demo-task-force';
import type { DeskClient } from '../desk/desk-client';
import { DEMO_PASSWORD_FILE, ensureDemoPassword, storedDemoPassword } from './demo-password';

describe("the demo people's password", () => {
  let dataDir: string;
  const calls: Array<[string, string, unknown]> = [];
  const users = [
    { id: 'u-admin', email: 'admin@localhost' },
    { id: 'u-lead', email: 'lead@dagino.example' },
    { id: 'u-giulia', email: 'Giulia@dagino.example' },
  ];
  const desk = {
    api: async (method: string, path: string, body?: unknown) => {
      calls.push([method, path, body]);
      return method === 'GET' ? { items: users } : {};
    },
  } as unknown as DeskClient;
  const log: string[] = [];

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'demo-password-'));
    calls.length = 0;
    log.length = 0;
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is the one kept in DATA_DIR, with no call to the desk', async () => {
    writeFileSync(join(dataDir, DEMO_PASSWORD_FILE), 'kept-one\n');
    expect(storedDemoPassword(dataDir)).toBe('kept-one');
    expect(await ensureDemoPassword(desk, { dataDir, admin: false, log: (l) => log.push(l) })).toBe('kept-one');
    expect(calls).toEqual([]);
  });

  it('is made random the first time, given to the demo people who exist already and kept (0600)', async () => {
    expect(storedDemoPassword(dataDir)).toBeUndefined();
    const password = await ensureDemoPassword(desk, { dataDir, admin: true, log: (l) => log.push(l) });
    expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(password).not.toBe(DEMO_PASSWORD);
    expect(calls.filter(([m]) => m === 'PATCH')).toEqual([
      ['PATCH', '/api/users/u-lead', { password }],
      ['PATCH', '/api/users/u-giulia', { password }],
    ]);
    const file = join(dataDir, DEMO_PASSWORD_FILE);
    expect(readFileSync(file, 'utf8')).toBe(password);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(log).toEqual([`The demo people's password was replaced by a random one, kept in ${file}.`]);
    // Another data directory, another password.
    const other = mkdtempSync(join(tmpdir(), 'demo-password-'));
    try {
      expect(await ensureDemoPassword(desk, { dataDir: other, admin: true, log: () => undefined })).not.toBe(password);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('needs the admin when none is kept', async () => {
    await expect(ensureDemoPassword(desk, { dataDir, admin: false, log: () => undefined })).rejects.toThrow('only the admin can set a new one');
    expect(calls).toEqual([]);
  });
});
