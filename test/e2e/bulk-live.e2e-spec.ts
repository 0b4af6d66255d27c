import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { bearer, startTaskForce, type Member } from '../support/http';
import { createMember, TestDesk } from '../support/desk';
import { createChannel, TestChannel } from '../support/inbox';
import { connected, type LiveClient } from '../support/live';

const N = 1000;

/** A lead's bulk reassignment of 1,000 conversations: one request, one transaction, and every affected screen sees it live. */
describe('bulk reassignment, live', () => {
  let desk: TestDesk;
  let sql: Client;
  let workspaceId: string;
  let admin: string;
  let lead: Member;
  let agent1: Member;
  let agent2: Member;
  let agent3: Member;
  let channel: TestChannel;
  let roleA: string;
  let roleB: string;
  const clients: LiveClient[] = [];

  const bulk = (body: Record<string, unknown>) => desk.http().post('/api/conversations/bulk-assignment').set(bearer(lead.token)).send(body);
  const connect = async (m: Member) => {
    const c = await connected(desk.url, { token: m.token });
    clients.push(c);
    return c;
  };
  /** Resolves once the client has received a conversation.assigned for every id matching `pred`; returns them by id. */
  const allAssigned = async (client: LiveClient, ids: string[], pred: (body: any) => boolean, what: string) => {
    const wanted = new Set(ids);
    const seen = new Map<string, any>();
    const check = () => {
      for (const r of client.received) {
        const id = r.body?.conversation?.id;
        if (r.name === 'conversation.assigned' && wanted.has(id) && pred(r.body)) seen.set(id, r.body);
      }
      return seen.size === wanted.size;
    };
    const deadline = Date.now() + 30_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`${what}: got ${seen.size} of ${wanted.size} conversation.assigned events`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return seen;
  };

  beforeAll(async () => {
    ({ desk, sql, workspaceId, admin, lead } = await startTaskForce());
    agent1 = await createMember(desk, admin, 'agent');
    agent2 = await createMember(desk, admin, 'agent');
    agent3 = await createMember(desk, admin, 'agent');
    channel = await createChannel(desk, admin, 'api');
    // Manual roles: the agents come online by connecting, and automatic assignment must not interfere here.
    const role = async (name: string) => (await desk.http().post('/api/roles').set(bearer(lead.token)).send({ name, assignment: 'manual' })).body.id as string;
    roleA = await role('Role A');
    roleB = await role('Role B');
    expect((await desk.http().put(`/api/roles/${roleA}/members`).set(bearer(lead.token)).send({ members: [{ userId: agent1.id }, { userId: agent2.id }] })).status).toBe(200);
    expect((await desk.http().put(`/api/roles/${roleB}/members`).set(bearer(lead.token)).send({ members: [{ userId: agent3.id }] })).status).toBe(200);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await sql.end();
    await desk.shutdown();
  });

  /** N conversations of role A held by agent1, straight into the table (as the inbox would hold them). */
  async function heldByAgent1(): Promise<string[]> {
    const { rows } = await sql.query<{ id: string }>(
      `INSERT INTO conversations (workspace_id, channel_id, channel_type, kind, thread_key, email_token, last_message_at, role_id, assignee_id)
       SELECT $1, $2, 'api', 'comment', $3 || '-' || g, $3 || '-' || g, now() - make_interval(secs => g), $5, $6
       FROM generate_series(1, $4::int) AS g RETURNING id`,
      [workspaceId, channel.id, randomUUID(), N, roleA, agent1.id],
    );
    return rows.map((r) => r.id);
  }
  const historyLines = async (ids: string[], type: string, reason: string) =>
    (
      await sql.query(`SELECT count(DISTINCT conversation_id)::int AS n, count(*)::int AS total FROM conversation_history WHERE conversation_id = ANY($1::uuid[]) AND type = $2 AND reason = $3 AND actor_id = $4`, [
        ids,
        type,
        reason,
        lead.id,
      ])
    ).rows[0];

  it('moves 1,000 conversations from one agent to another in one request; both agents and the lead see every one live', async () => {
    const ids = await heldByAgent1();
    const [leadLive, live1, live2] = [await connect(lead), await connect(agent1), await connect(agent2)];
    const started = Date.now();
    const res = await bulk({ conversationIds: ids, assigneeId: agent2.id, reason: 'agent1 off sick' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ updated: N });
    const moved = (b: any) => b.conversation.assigneeId === agent2.id && b.previous?.assigneeId === agent1.id;
    const [toLead, to1, to2] = await Promise.all([
      allAssigned(leadLive, ids, moved, 'the lead'),
      allAssigned(live1, ids, moved, 'agent1, who loses them'),
      allAssigned(live2, ids, moved, 'agent2, who gains them'),
    ]);
    const elapsed = Date.now() - started;
    for (const seen of [toLead, to1, to2]) {
      expect(seen.size).toBe(N);
      expect([...seen.values()][0]).toMatchObject({ by: { type: 'user', id: lead.id }, reason: 'agent1 off sick', conversation: { roleId: roleA } });
    }
    // Each once: no event twice, and every event of one transaction in seq order.
    for (const client of [leadLive, live1, live2]) {
      const events = client.received.filter((r) => r.name === 'conversation.assigned' && ids.includes(r.body.conversation?.id));
      expect(events).toHaveLength(N);
      const seqs = events.map((e) => e.body.seq as number);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
    expect(await historyLines(ids, 'assigned', 'agent1 off sick')).toEqual({ n: N, total: N });
    const stored = await sql.query(`SELECT count(*)::int AS n FROM conversations WHERE id = ANY($1::uuid[]) AND role_id = $2 AND assignee_id = $3`, [ids, roleA, agent2.id]);
    expect(stored.rows[0].n).toBe(N);
    // Generous bound for a loaded CI machine; the point is seconds, not minutes.
    expect(elapsed).toBeLessThan(20_000);
  });

  it("moves 1,000 conversations to another role's queue: the old role's agents lose them live, the new role's agent gains them", async () => {
    const ids = await heldByAgent1();
    const [leadLive, live1, live2, live3] = [await connect(lead), await connect(agent1), await connect(agent2), await connect(agent3)];
    const res = await bulk({ conversationIds: ids, roleId: roleB, assigneeId: null, reason: 'product launch' });
    expect(res.body).toEqual({ updated: N });
    const moved = (b: any) => b.conversation.roleId === roleB && b.conversation.assigneeId === null && b.previous?.roleId === roleA;
    await Promise.all([
      allAssigned(leadLive, ids, moved, 'the lead'),
      allAssigned(live1, ids, moved, 'agent1, the old assignee'),
      allAssigned(live2, ids, moved, 'agent2, of the old role'),
      allAssigned(live3, ids, moved, 'agent3, of the new role'),
    ]);
    expect(await historyLines(ids, 'reassigned', 'product launch')).toEqual({ n: N, total: N });
    // Now agent3 reads them and agent1 no longer does.
    const sample = ids[0]!;
    expect((await desk.http().get(`/api/conversations/${sample}`).set(bearer(agent3.token))).status).toBe(200);
    expect((await desk.http().get(`/api/conversations/${sample}`).set(bearer(agent1.token))).status).toBe(404);
  });
});
