import type { Test } from 'supertest';
import { createMember } from '../support/desk';
import { bearer, expectCode } from '../support/http';
import { createChannel, FIXTURE_CONFIG, type TestChannel } from '../support/inbox';
import { ACCESS_TABLE, LEVELS, mayCall, type Ctx, type Level } from '../support/security/access-table';
import { routesOf } from '../support/security/routes';
import { queuedConversation, seedWorkspace, type WorkspaceData, startSecurityDesk, type SecurityDesk } from '../support/security/workspace-data';

jest.setTimeout(60_000);

/**
 * Every level against every HTTP route of the running desk: the table (support/security/access-table.ts) states the
 * contract; a route the table lacks, or a row for a route that no longer exists, fails the first test.
 */
describe('security: access of every level to every route', () => {
  let tf: SecurityDesk;
  let w: WorkspaceData;
  let facebook: TestChannel;
  let targetUserId: string;
  const tokenOf = (level: Level): string | undefined =>
    ({ anonymous: undefined, agent: w.agent.token, lead: w.lead.token, supervisor: w.supervisor.token, admin: w.admin })[level];
  const as = (level: Level) => (req: Test) => {
    const token = tokenOf(level);
    return token ? req.set(bearer(token)) : req;
  };

  beforeAll(async () => {
    tf = await startSecurityDesk();
    w = await seedWorkspace(tf.desk, tf.sql, tf.workspaceId, tf.admin, 'a');
    facebook = await createChannel(tf.desk, tf.admin, 'facebook', FIXTURE_CONFIG.facebook);
    targetUserId = (await createMember(tf.desk, tf.admin, 'agent')).id;
  });
  afterAll(async () => {
    await tf?.shutdown();
  });

  it('the table has exactly one row per route the desk answers', () => {
    expect(Object.keys(ACCESS_TABLE).sort()).toEqual(routesOf(tf.desk));
  });

  const cases = Object.entries(ACCESS_TABLE).flatMap(([route, row]) =>
    LEVELS.map((level) => ({ route, level, row, verdict: mayCall(row, level) ? `${row.status}` : level === 'anonymous' ? '401' : '403' })),
  );

  it.each(cases)('$route as $level: $verdict', async ({ level, row }) => {
    const allowed = mayCall(row, level);
    const ctx: Ctx = { desk: tf.desk, sql: tf.sql, w, facebook, targetUserId, level, allowed };
    const res = await row.call(ctx, as(level));
    if (allowed) expect({ status: res.status, body: res.status === row.status ? 'as expected' : res.body }).toEqual({ status: row.status, body: 'as expected' });
    else if (level === 'anonymous') expectCode(res, 401, 'AUTH_REQUIRED');
    else expectCode(res, 403, 'ACCESS_DENIED');
  });

  it('a refused caller is refused before the body is validated', async () => {
    expectCode(await tf.desk.http().post('/api/channels').set(bearer(w.lead.token)).send({ type: 'nope' }), 403, 'ACCESS_DENIED');
    expectCode(await tf.desk.http().post('/api/sla-policies').set(bearer(w.agent.token)).send({}), 403, 'ACCESS_DENIED');
    expectCode(await tf.desk.http().put('/api/responsibility-map').set(bearer(w.supervisor.token)).send('{'), 403, 'ACCESS_DENIED');
  });

  it('a webhook takes no token instead of a signature: unsigned is 401, wrongly signed 403, whoever sends it', async () => {
    for (const level of LEVELS) {
      const unsigned = await as(level)(tf.desk.http().post(`/webhooks/${w.channel.id}`)).set('content-type', 'application/json').send('{"id":"x","kind":"comment","author":{"id":"a"},"text":"t"}');
      expectCode(unsigned, 401, 'SIGNATURE_MISSING');
      const forged = await as(level)(tf.desk.http().post(`/webhooks/${w.channel.id}`))
        .set({ 'content-type': 'application/json', 'x-signature': `sha256=${'0'.repeat(64)}` })
        .send('{"id":"x","kind":"comment","author":{"id":"a"},"text":"t"}');
      expectCode(forged, 403, 'SIGNATURE_INVALID');
    }
    const wrongVerify = await tf.desk.http().get(`/webhooks/${facebook.id}`).query({ 'hub.mode': 'subscribe', 'hub.verify_token': 'guess', 'hub.challenge': '1' });
    expect(wrongVerify.status).toBe(403);
  });

  describe('an agent acts only within their roles and their own conversations', () => {
    let foreign: string;
    beforeAll(async () => {
      const { rows } = await tf.sql.query<{ id: string }>(`INSERT INTO roles (workspace_id, name) VALUES ($1, 'Not the agent''s') RETURNING id`, [w.workspaceId]);
      foreign = await queuedConversation(tf.sql, { ...w, roleId: rows[0]!.id });
    });
    const routes: Array<[string, (id: string) => Test]> = [
      ['GET /api/conversations/:id', (id) => tf.desk.http().get(`/api/conversations/${id}`)],
      ['GET /api/conversations/:id/history', (id) => tf.desk.http().get(`/api/conversations/${id}/history`)],
      ['POST /api/conversations/:id/notes', (id) => tf.desk.http().post(`/api/conversations/${id}/notes`).send({ text: 'x' })],
      ['POST /api/conversations/:id/replies', (id) => tf.desk.http().post(`/api/conversations/${id}/replies`).send({ text: 'x' })],
      ['POST /api/conversations/:id/replies/check', (id) => tf.desk.http().post(`/api/conversations/${id}/replies/check`).send({ text: 'x' })],
      ['POST /api/conversations/:id/status', (id) => tf.desk.http().post(`/api/conversations/${id}/status`).send({ status: 'resolved' })],
      ['PUT /api/conversations/:id/tags', (id) => tf.desk.http().put(`/api/conversations/${id}/tags`).send({ tags: ['x'] })],
      ['POST /api/conversations/:id/priority', (id) => tf.desk.http().post(`/api/conversations/${id}/priority`).send({ priority: 'urgent' })],
      ['POST /api/conversations/:id/assignment', (id) => tf.desk.http().post(`/api/conversations/${id}/assignment`).send({ assigneeId: w.agent.id })],
    ];
    it.each(routes)('%s on another role’s conversation: 404 CONVERSATION_NOT_FOUND', async (_, call) => {
      expectCode(await call(foreign).set(bearer(w.agent.token)), 404, 'CONVERSATION_NOT_FOUND');
    });

    it('an agent may not hand a conversation to someone else, nor read another role’s queue', async () => {
      const queued = await queuedConversation(tf.sql, w);
      expectCode(await tf.desk.http().post(`/api/conversations/${queued}/assignment`).set(bearer(w.agent.token)).send({ assigneeId: w.lead.id }), 403, 'ASSIGNMENT_NOT_ALLOWED');
      const { rows } = await tf.sql.query<{ role_id: string }>('SELECT role_id FROM conversations WHERE id = $1', [foreign]);
      expectCode(await tf.desk.http().get(`/api/roles/${rows[0]!.role_id}/queue`).set(bearer(w.agent.token)), 404, 'ROLE_NOT_FOUND');
      const list = await tf.desk.http().get('/api/conversations').query({ limit: 100 }).set(bearer(w.agent.token));
      expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(foreign);
    });
  });
});
