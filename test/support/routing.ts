import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { TestDesk } from './desk';
import { bearer } from './http';

/** Where an inserted conversation stands: its role and assignee (none by default). */
export interface Placement {
  roleId?: string | null;
  assigneeId?: string | null;
}

/**
 * `n` API-channel comments straight into the conversations table: fast, and as the inbox would hold them. The ids come
 * back newest first, a second apart (the order the conversation list answers them in).
 */
export async function insertConversations(sql: Client, workspaceId: string, channelId: string, n: number, fields: Placement = {}): Promise<string[]> {
  const { rows } = await sql.query<{ id: string }>(
    `INSERT INTO conversations (workspace_id, channel_id, channel_type, kind, thread_key, email_token, last_message_at, role_id, assignee_id)
     SELECT $1, $2, 'api', 'comment', $3 || '-' || g, $3 || '-' || g, now() - make_interval(secs => g), $5, $6
     FROM generate_series(1, $4::int) AS g RETURNING id`,
    [workspaceId, channelId, randomUUID(), n, fields.roleId ?? null, fields.assigneeId ?? null],
  );
  return rows.map((r) => r.id);
}

export async function insertConversation(sql: Client, workspaceId: string, channelId: string, fields: Placement = {}): Promise<string> {
  return (await insertConversations(sql, workspaceId, channelId, 1, fields))[0]!;
}

/** Creates a role through the API (POST /api/roles with `body`, the API's defaults for the rest) and answers its id. */
export async function createRole(desk: TestDesk, token: string, body: Record<string, unknown>): Promise<string> {
  const res = await desk.http().post('/api/roles').set(bearer(token)).send(body);
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** Makes exactly these users the role's members (PUT /api/roles/:id/members, no capacities). */
export async function setRoleMembers(desk: TestDesk, token: string, roleId: string, userIds: string[]): Promise<void> {
  const res = await desk.http().put(`/api/roles/${roleId}/members`).set(bearer(token)).send({ members: userIds.map((userId) => ({ userId })) });
  expect(res.status).toBe(200);
}
