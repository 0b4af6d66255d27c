import type { Client } from 'pg';
import { ADMIN_EMAIL, ADMIN_PASSWORD, signIn, type TestDesk } from './desk';
import { bearer, startTaskForce, type Member } from './http';

/*
 * The task force of the spec file that calls useTaskForce(), read as plain names (`import { desk, lead } from
 * '../support/task-force'`: the imports are live, and every test file has a module registry, so a task force, of its
 * own). They are set once useTaskForce's beforeAll has run.
 */
export let desk: TestDesk;
export let sql: Client;
export let admin: string;
export let workspaceId: string;
export let lead: Member;
export let agent: Member;
export let agent2: Member;
export let supervisor: Member;

/**
 * Starts the task force (startTaskForce) before the tests of the describe block it is called in, and stops it after
 * them. Hooks run in the order they are declared: a beforeAll declared after this call sees the task force, an
 * afterAll declared before it runs while the desk is still up.
 */
export function useTaskForce(): void {
  beforeAll(async () => {
    ({ desk, sql, admin, workspaceId, lead, agent, agent2, supervisor } = await startTaskForce());
  });
  afterAll(async () => {
    await sql?.end();
    await desk?.shutdown();
  });
}

/** A second workspace of the bootstrap admin ("Other brand"), and the admin's token in it: the tenant a spec must not reach. */
export async function otherWorkspace(testDesk: TestDesk, adminToken: string): Promise<{ id: string; admin: string }> {
  const res = await testDesk.http().post('/api/workspaces').set(bearer(adminToken)).send({ name: 'Other brand', timezone: 'UTC' });
  return { id: res.body.id as string, admin: await signIn(testDesk, ADMIN_EMAIL, ADMIN_PASSWORD, res.body.id) };
}
