import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Clock } from '../../libs/common/src/clock/clock';
import { createTestDatabase, TestDatabase } from '../../libs/db/src/testing/test-database';
import { RunningDesk, startDesk } from '../../apps/api/src/boot/start-desk';

export const ADMIN_EMAIL = 'admin@test.example';
export const ADMIN_PASSWORD = 'admin-password-1';

export interface TestDesk extends RunningDesk {
  db: TestDatabase;
  dataDir: string;
  http: () => ReturnType<typeof request>;
  /** Stops the desk and drops its database. */
  shutdown(): Promise<void>;
}

/**
 * The real desk, booted exactly as `npm start` boots it (same startDesk), on a fresh database of its own and a real
 * port, with a known bootstrap admin.
 */
export async function startTestDesk(env: Record<string, string> = {}, options: { clock?: Clock } = {}): Promise<TestDesk> {
  const db = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-test-data-'));
  const desk = await startDesk({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ...env,
  }, options);
  return {
    ...desk,
    db,
    dataDir,
    http: () => request(desk.url),
    shutdown: async () => {
      await desk.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function signIn(desk: TestDesk, email: string, password: string, workspaceId?: string): Promise<string> {
  const res = await desk.http().post('/api/auth/login').send({ email, password, ...(workspaceId ? { workspaceId } : {}) });
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken as string;
}

/** Creates a member of the admin's workspace and returns a token for them. */
export async function createMember(
  desk: TestDesk,
  adminToken: string,
  access: 'agent' | 'lead' | 'supervisor' | 'admin',
  email = `${access}-${Math.random().toString(36).slice(2, 8)}@test.example`,
): Promise<{ id: string; email: string; token: string }> {
  const password = 'member-password-1';
  const res = await desk.http().post('/api/users').set('Authorization', `Bearer ${adminToken}`).send({ email, name: `Test ${access}`, password, access });
  if (res.status !== 201) throw new Error(`creating ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id as string, email, token: await signIn(desk, email, password) };
}
