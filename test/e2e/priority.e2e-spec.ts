import { randomUUID } from 'node:crypto';
import { bearer, expectCode, startTaskForce, type TaskForce } from '../support/http';
import { createChannel, type TestChannel } from '../support/inbox';
import { connected, type LiveClient } from '../support/live';

/** A person's judgement of urgency over the map's: POST /api/conversations/:id/priority. */
describe('changing a conversation’s priority', () => {
  let tf: TaskForce;
  let channel: TestChannel;
  let care: string;
  let live: LiveClient;

  const priority = (token: string, id: string, body: unknown, ifMatch?: string) => {
    const req = tf.desk.http().post(`/api/conversations/${id}/priority`).set(bearer(token));
    return (ifMatch === undefined ? req : req.set('If-Match', ifMatch)).send(body as object);
  };
  const one = async (roleId: string | null) =>
    (
      await tf.sql.query<{ id: string }>(
        `INSERT INTO conversations (workspace_id, channel_id, channel_type, kind, thread_key, email_token, last_message_at, role_id)
         VALUES ($1, $2, 'api', 'comment', $3, $3, now(), $4) RETURNING id`,
        [tf.workspaceId, channel.id, randomUUID(), roleId],
      )
    ).rows[0]!.id;

  beforeAll(async () => {
    tf = await startTaskForce();
    channel = await createChannel(tf.desk, tf.admin, 'api');
    care = (await tf.desk.http().post('/api/roles').set(bearer(tf.lead.token)).send({ name: 'Care', assignment: 'manual' })).body.id;
    expect((await tf.desk.http().put(`/api/roles/${care}/members`).set(bearer(tf.lead.token)).send({ members: [{ userId: tf.agent.id }] })).status).toBe(200);
    live = await connected(tf.desk.url, { token: tf.lead.token });
  });
  afterAll(async () => {
    live?.close();
    await tf.sql.end();
    await tf.desk.shutdown();
  });

  it('lets a member of the role raise it, bumps the version and pushes the change live', async () => {
    const id = await one(care);
    const res = await priority(tf.agent.token, id, { priority: 'urgent' }, '1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, priority: 'urgent', version: 2 });
    expect(res.headers.etag).toBe('"2"');
    const event = await live.waitFor((r) => r.name === 'conversation.updated' && r.body.conversation?.id === id, 5_000, 'the change, live');
    expect(event.body.conversation).toMatchObject({ priority: 'urgent', version: 2 });
  });

  it('refuses a stale version, and changes nothing (no version, no event) when the priority is already that', async () => {
    const id = await one(care);
    expect((await priority(tf.lead.token, id, { priority: 'high' })).status).toBe(200);
    expectCode(await priority(tf.agent.token, id, { priority: 'low' }, '1'), 409, 'VERSION_CONFLICT');
    const seqBefore = (await tf.sql.query(`SELECT count(*)::int AS n FROM domain_events WHERE conversation_id = $1`, [id])).rows[0].n;
    const same = await priority(tf.lead.token, id, { priority: 'high' }, '2');
    expect(same.body).toMatchObject({ priority: 'high', version: 2 });
    expect((await tf.sql.query(`SELECT count(*)::int AS n FROM domain_events WHERE conversation_id = $1`, [id])).rows[0].n).toBe(seqBefore);
  });

  it('validates the priority, and keeps conversations an agent may not read out of reach', async () => {
    const id = await one(care);
    expectCode(await priority(tf.lead.token, id, { priority: 'critical' }), 400, 'VALIDATION_FAILED');
    expectCode(await priority(tf.lead.token, id, {}), 400, 'VALIDATION_FAILED');
    expectCode(await priority(tf.agent2.token, id, { priority: 'low' }), 404, 'CONVERSATION_NOT_FOUND');
    expectCode(await priority(tf.supervisor.token, id, { priority: 'low' }), 403, 'ACCESS_DENIED');
  });
});
