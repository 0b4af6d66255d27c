import type { Response } from 'supertest';

/** A well-formed id that no row has. */
export const NO_SUCH = '00000000-0000-4000-8000-000000000000';
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
export type Member = { id: string; email: string; token: string };

export function expectCode(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
}

/** The error's message as a list, whether the desk answered one or several. */
export const messages = (res: Response): string[] => (Array.isArray(res.body.message) ? res.body.message : [res.body.message]);

import { Client } from 'pg';
import type { Clock } from '../../libs/common/src/clock/clock';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createMember, signIn, startTestDesk, type TestDesk } from './desk';

export interface TaskForce {
  desk: TestDesk;
  sql: Client;
  admin: string;
  workspaceId: string;
  lead: Member;
  agent: Member;
  agent2: Member;
  supervisor: Member;
}

/** A desk with an admin, a lead, two agents and a supervisor, and a direct SQL connection to check the rows. */
export async function startTaskForce(options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TaskForce> {
  const desk = await startTestDesk(options.env, { clock: options.clock });
  const sql = new Client({ connectionString: desk.db.url });
  await sql.connect();
  const admin = await signIn(desk, ADMIN_EMAIL, ADMIN_PASSWORD);
  const workspaceId = (await desk.http().get('/api/me').set(bearer(admin))).body.workspaceId as string;
  const lead = await createMember(desk, admin, 'lead');
  const agent = await createMember(desk, admin, 'agent');
  const agent2 = await createMember(desk, admin, 'agent');
  const supervisor = await createMember(desk, admin, 'supervisor');
  return { desk, sql, admin, workspaceId, lead, agent, agent2, supervisor };
}
