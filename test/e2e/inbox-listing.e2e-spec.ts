import { bearer, expectCode } from '../support/http';
import { createChannel } from '../support/inbox';
import { createRole, insertConversations, setRoleMembers } from '../support/routing';
import { admin, agent, agent2, desk, lead, sql, useTaskForce, workspaceId } from '../support/task-force';

/** Every page of GET /api/conversations for this token and query, followed by nextCursor, `limit` at a time. */
async function allPages(token: string, query: Record<string, string>, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const res = await desk.http().get('/api/conversations').query({ ...query, limit, ...(cursor ? { cursor } : {}) }).set(bearer(token));
    expect(res.status).toBe(200);
    ids.push(...res.body.items.map((c: { id: string }) => c.id));
    cursor = res.body.nextCursor ?? undefined;
    if (!cursor) return ids;
  }
  throw new Error('more than 100 pages');
}

/** The ids in the list's own order (newest activity first, then id), read straight from the table. */
async function expectedOrder(where: string, params: unknown[]): Promise<string[]> {
  const { rows } = await sql.query<{ id: string }>(
    `SELECT id FROM conversations WHERE workspace_id = $1 AND (${where}) ORDER BY last_message_at DESC, id DESC`,
    [workspaceId, ...params],
  );
  return rows.map((r) => r.id);
}

/**
 * The list reads an agent's page from each of its sources (assigned to them, each of their roles) and merges them:
 * the pages must still be exactly the agent's conversations, in order, each once, however they are cut.
 */
describe('inbox listing: keyset pages and the agent scope', () => {
  useTaskForce();
  let roleA: string;
  let roleB: string;
  let roleC: string;

  beforeAll(async () => {
    const channel = await createChannel(desk, admin, 'api');
    roleA = await createRole(desk, admin, { name: 'Care', assignment: 'manual' });
    roleB = await createRole(desk, admin, { name: 'Sales', assignment: 'manual' });
    roleC = await createRole(desk, admin, { name: 'Press', assignment: 'manual' });
    await setRoleMembers(desk, admin, roleA, [agent.id]);
    await setRoleMembers(desk, admin, roleB, [agent2.id]);
    // Batches a second apart each, overlapping in time: equal last_message_at across batches exercises the id tie-break.
    await insertConversations(sql, workspaceId, channel.id, 7, { roleId: roleA });
    await insertConversations(sql, workspaceId, channel.id, 5, { roleId: roleB, assigneeId: agent.id });
    await insertConversations(sql, workspaceId, channel.id, 4, { roleId: roleA, assigneeId: agent.id });
    await insertConversations(sql, workspaceId, channel.id, 6, { roleId: roleC });
    await insertConversations(sql, workspaceId, channel.id, 3, { roleId: roleB, assigneeId: agent2.id });
    const resolved = await insertConversations(sql, workspaceId, channel.id, 3, { roleId: roleA });
    await sql.query(`UPDATE conversations SET status = 'resolved' WHERE id = ANY($1)`, [resolved]);
    // Platform times far from now put activity before 1970 and past 2286: cursors must still carry them.
    const [first, second] = await insertConversations(sql, workspaceId, channel.id, 2, { roleId: roleA });
    await sql.query(`UPDATE conversations SET last_message_at = '2999-01-01T00:00:00.123456Z' WHERE id = $1`, [first]);
    await sql.query(`UPDATE conversations SET last_message_at = '1960-06-01T12:00:00.654321Z' WHERE id = $1`, [second]);
  });

  it.each([1, 2, 5, 50])('a lead pages through everything in order, %i at a time', async (limit) => {
    expect(await allPages(lead.token, {}, limit)).toEqual(await expectedOrder('true', []));
  });

  it.each([1, 2, 3, 50])('an agent pages through its own and its roles’ conversations, each once, %i at a time', async (limit) => {
    const expected = await expectedOrder(`assignee_id = $2 OR role_id = $3`, [agent.id, roleA]);
    expect(expected).toHaveLength(7 + 5 + 4 + 3 + 2);
    expect(await allPages(agent.token, {}, limit)).toEqual(expected);
  });

  it('an agent’s filters apply to every source: status, role, assignee', async () => {
    expect(await allPages(agent.token, { status: 'resolved' }, 2)).toEqual(await expectedOrder(`role_id = $2 AND status = 'resolved'`, [roleA]));
    expect(await allPages(agent.token, { roleId: roleB }, 2)).toEqual(await expectedOrder(`role_id = $2 AND assignee_id = $3`, [roleB, agent.id]));
    expect(await allPages(agent.token, { assigneeId: 'none', status: 'open' }, 3)).toEqual(
      await expectedOrder(`role_id = $2 AND assignee_id IS NULL AND status = 'open'`, [roleA]),
    );
    expect(await allPages(agent.token, { roleId: roleC }, 2)).toEqual([]);
  });

  it('another agent sees its role and nothing of the first agent’s', async () => {
    expect(await allPages(agent2.token, {}, 4)).toEqual(await expectedOrder(`role_id = $2`, [roleB]));
  });

  it('refuses cursors it never gave out with 400 VALIDATION_FAILED, never a database error', async () => {
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
    for (const cursor of [forged(['99999999999999999999', '00000000-0000-4000-8000-000000000000']), forged(['1', '-'.repeat(36)]), forged(['1'])]) {
      expectCode(await desk.http().get('/api/conversations').query({ cursor }).set(bearer(agent.token)), 400, 'VALIDATION_FAILED');
    }
  });
});
