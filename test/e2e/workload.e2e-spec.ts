import { randomUUID } from 'node:crypto';
import { bearer, expectCode, startTaskForce, type TaskForce } from '../support/http';
import { createChannel, type TestChannel } from '../support/inbox';
import { connected, type LiveClient } from '../support/live';

describe('GET /api/workload', () => {
  let tf: TaskForce;
  let channel: TestChannel;
  let care: string;
  let live: LiveClient;

  /** Conversations straight into the table, as the inbox would hold them. */
  async function insert(n: number, fields: { roleId: string; assigneeId?: string | null; priority?: string }): Promise<void> {
    await tf.sql.query(
      `INSERT INTO conversations (workspace_id, channel_id, channel_type, kind, thread_key, email_token, last_message_at, waiting_since, role_id, assignee_id, priority)
       SELECT $1, $2, 'api', 'comment', $3 || '-' || g, $3 || '-' || g, now(), now() - make_interval(mins => g), $5, $6, $7
       FROM generate_series(1, $4::int) AS g`,
      [tf.workspaceId, channel.id, randomUUID(), n, fields.roleId, fields.assigneeId ?? null, fields.priority ?? 'normal'],
    );
  }

  beforeAll(async () => {
    tf = await startTaskForce();
    channel = await createChannel(tf.desk, tf.admin, 'api');
    // Manual, so that automatic assignment leaves the queue as the test made it.
    care = (await tf.desk.http().post('/api/roles').set(bearer(tf.lead.token)).send({ name: 'Care', assignment: 'manual' })).body.id;
    const members = { members: [{ userId: tf.agent.id, capacity: 4 }, { userId: tf.agent2.id }] };
    expect((await tf.desk.http().put(`/api/roles/${care}/members`).set(bearer(tf.lead.token)).send(members)).status).toBe(200);
    await insert(3, { roleId: care, assigneeId: tf.agent.id });
    await insert(2, { roleId: care, priority: 'urgent' });
    await insert(1, { roleId: care, priority: 'high' });
    live = await connected(tf.desk.url, { token: tf.agent.token });
  });
  afterAll(async () => {
    live?.close();
    await tf.sql.end();
    await tf.desk.shutdown();
  });

  it("shows each member's load against capacity and presence, and each role's queue", async () => {
    const res = await tf.desk.http().get('/api/workload').set(bearer(tf.lead.token));
    expect(res.status).toBe(200);
    const me = res.body.members.find((m: { userId: string }) => m.userId === tf.agent.id);
    expect(me).toMatchObject({ presence: 'online', open: 3, roles: [{ roleId: care, name: 'Care', capacity: 4, open: 3 }] });
    const other = res.body.members.find((m: { userId: string }) => m.userId === tf.agent2.id);
    expect(other).toMatchObject({ presence: 'offline', open: 0, roles: [{ roleId: care, capacity: null, open: 0 }] });
    expect(res.body.members.some((m: { userId: string }) => m.userId === tf.supervisor.id)).toBe(false);
    const [queue] = res.body.queues;
    expect(queue).toMatchObject({ roleId: care, waiting: 3, urgent: 2, high: 1, online: 1, assignment: 'manual' });
    expect(Date.parse(queue.oldestWaitingSince)).toBeLessThan(Date.now() - 60_000);
  });

  it('is for leads, supervisors and admins', async () => {
    expect((await tf.desk.http().get('/api/workload').set(bearer(tf.supervisor.token))).status).toBe(200);
    expectCode(await tf.desk.http().get('/api/workload').set(bearer(tf.agent.token)), 403, 'ACCESS_DENIED');
  });

  it("lists a role's queue in hand-out order: most urgent first, then who waits longest", async () => {
    const res = await tf.desk.http().get(`/api/roles/${care}/queue`).set(bearer(tf.agent.token));
    expect(res.status).toBe(200);
    const items = res.body.items as Array<{ priority: string; waitingSince: string; assigneeId: string | null }>;
    expect(items.map((c) => c.priority)).toEqual(['urgent', 'urgent', 'high']);
    expect(Date.parse(items[0]!.waitingSince)).toBeLessThan(Date.parse(items[1]!.waitingSince));
    expect(items.every((c) => c.assigneeId === null)).toBe(true);
    expect((await tf.desk.http().get(`/api/roles/${care}/queue?limit=1`).set(bearer(tf.lead.token))).body.items).toHaveLength(1);
  });

  it("keeps other roles' queues from agents who are not members", async () => {
    const other = (await tf.desk.http().post('/api/roles').set(bearer(tf.lead.token)).send({ name: 'Sales', assignment: 'manual' })).body.id as string;
    expectCode(await tf.desk.http().get(`/api/roles/${other}/queue`).set(bearer(tf.agent.token)), 404, 'ROLE_NOT_FOUND');
    expect((await tf.desk.http().get(`/api/roles/${other}/queue`).set(bearer(tf.supervisor.token))).status).toBe(200);
    expectCode(await tf.desk.http().get(`/api/roles/${other}/queue?limit=abc`).set(bearer(tf.lead.token)), 400, 'VALIDATION_FAILED');
  });
});
