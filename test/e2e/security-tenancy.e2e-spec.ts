import { bearer, expectCode } from '../support/http';
import { routesOf, routesWithParams } from '../support/security/routes';
import { FOREIGN_REFERENCES, MIXED_IDS, TENANCY_TABLE, type Reach } from '../support/security/tenancy-table';
import { queuedConversation, seedWorkspace, type WorkspaceData, startSecurityDesk, type SecurityDesk } from '../support/security/workspace-data';
import { otherWorkspace } from '../support/task-force';

jest.setTimeout(60_000);

/**
 * Two workspaces with a row of every kind in each; B's admin (the same person as A's admin, with a token acting in B)
 * and B's lead reach for A's rows through every route. Live events across workspaces: security-live-tenancy.
 */
describe('security: tenant isolation on every route', () => {
  let tf: SecurityDesk;
  let a: WorkspaceData;
  let b: WorkspaceData;
  let reach: Reach;
  let before: unknown[];
  /** Everything of A's that B must never see: its own ids (the person who is admin of both excepted). */
  let aIds: string[];
  const http = () => tf.desk.http();
  /** What A's admin reads of A's rows, to show nothing was changed from B. */
  const snapshotOfA = () =>
    Promise.all(
      [
        `/api/users/${a.lead.id}`,
        `/api/channels/${a.channel.id}`,
        `/api/channels/${a.channel.id}/events`,
        `/api/conversations/${a.conversationId}`,
        `/api/contacts/${a.contactId}`,
        `/api/contacts/${a.otherContactId}`,
        `/api/roles/${a.roleId}`,
        `/api/canned-responses/${a.cannedId}`,
        `/api/business-hours/${a.businessHoursId}`,
        `/api/sla-policies/${a.slaPolicyId}`,
        '/api/replies/held',
      ].map(async (path) => {
        const res = await http().get(path).set(bearer(a.admin));
        return { path, status: res.status, body: res.body };
      }),
    );

  beforeAll(async () => {
    tf = await startSecurityDesk();
    a = await seedWorkspace(tf.desk, tf.sql, tf.workspaceId, tf.admin, 'a');
    for (let i = 0; i < 3; i++) a.mapVersion = (await http().put('/api/responsibility-map').set(bearer(a.admin)).send({ defaultRoleId: a.roleId, rules: [] })).body.version;
    const other = await otherWorkspace(tf.desk, tf.admin);
    b = await seedWorkspace(tf.desk, tf.sql, other.id, other.admin, 'b');
    reach = { desk: tf.desk, a, b };
    aIds = [a.workspaceId, a.lead.id, a.agent.id, a.supervisor.id, a.roleId, a.channel.id, a.conversationId, a.messageId, a.contactId, a.otherContactId, a.heldReplyId, a.noteId, a.eventId, a.cannedId, a.businessHoursId, a.slaPolicyId];
    before = await snapshotOfA();
  });
  afterAll(async () => {
    await tf?.shutdown();
  });

  it('the table has a row for every route with an id in its path', () => {
    expect(Object.keys(TENANCY_TABLE).sort()).toEqual(routesWithParams(routesOf(tf.desk)));
    expect(a.mapVersion).toBeGreaterThan(b.mapVersion);
  });

  const idRows = Object.entries(TENANCY_TABLE).flatMap(([route, row]) => (typeof row.code === 'string' ? [{ route, code: row.code, call: row.call! }] : []));
  it.each(idRows)('$route with A’s ids, from B: 404 $code', async ({ call, code }) => {
    expectCode(await call(reach).set(bearer(b.admin)), 404, code);
  });

  it.each(MIXED_IDS)('%s with B’s own first id and A’s second: 404 %s', async (_, code, call) => {
    expectCode(await call(reach).set(bearer(b.admin)), 404, code);
  });

  it.each(FOREIGN_REFERENCES)('a body naming A’s rows from B (%s): %d %s', async (_, status, code, call) => {
    expectCode(await call(reach).set(bearer(b.admin)), status, code);
  });

  it('bulk reassignment from B skips A’s conversations and changes B’s', async () => {
    const ours = await queuedConversation(tf.sql, b);
    const res = await http().post('/api/conversations/bulk-assignment').set(bearer(b.admin)).send({ conversationIds: [a.conversationId, ours], assigneeId: b.agent.id, reason: 'cross-tenant' });
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: { updated: 1 } });
    const { rows } = await tf.sql.query<{ id: string; assignee_id: string | null }>('SELECT id, assignee_id FROM conversations WHERE id = ANY($1)', [[a.conversationId, ours]]);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.assignee_id]))).toEqual({ [a.conversationId]: null, [ours]: b.agent.id });
  });

  it('no list route shows B anything of A’s, while it does show B’s own rows', async () => {
    const lists = routesOf(tf.desk).filter((r) => r.startsWith('GET /api/') && !r.includes('/:') && !r.startsWith('GET /api/docs'));
    expect(lists.length).toBeGreaterThan(15);
    const seen: string[] = [];
    for (const route of lists) {
      const path = route.slice(4);
      const queries = path === '/api/reports/sla' ? ['role', 'agent', 'channel'].map((groupBy) => ({ groupBy })) : [{}];
      for (const query of queries) {
        const res = await http().get(path).query(query).set(bearer(b.lead.token));
        expect({ route, status: res.status }).toEqual({ route, status: 200 });
        const text = JSON.stringify(res.body);
        expect({ route, leaked: aIds.filter((id) => text.includes(id)) }).toEqual({ route, leaked: [] });
        seen.push(text);
      }
    }
    const all = seen.join('\n');
    for (const own of [b.conversationId, b.channel.id, b.roleId, b.cannedId, b.businessHoursId, b.slaPolicyId, b.agent.id, b.heldReplyId]) expect(all).toContain(own);
  });

  it('filters naming A’s rows find nothing in B', async () => {
    for (const query of [{ roleId: a.roleId }, { channelId: a.channel.id }, { contactId: a.contactId }, { assigneeId: a.agent.id }, { q: 'comment' }]) {
      const res = await http().get('/api/conversations').query(query).set(bearer(b.admin));
      expect(res.status).toBe(200);
      expect({ query, leaked: aIds.filter((id) => JSON.stringify(res.body).includes(id)) }).toEqual({ query, leaked: [] });
    }
    const canned = await http().get('/api/canned-responses').query({ roleId: a.roleId }).set(bearer(b.admin));
    expect(JSON.stringify(canned.body)).not.toContain(a.cannedId);
  });

  it('a member of B only cannot switch into A, nor sign in there', async () => {
    expectCode(await http().post('/api/auth/switch').set(bearer(b.lead.token)).send({ workspaceId: a.workspaceId }), 404, 'WORKSPACE_NOT_FOUND');
    expectCode(await http().post('/api/auth/login').send({ email: b.lead.email, password: 'member-password-1', workspaceId: a.workspaceId }), 401, 'NOT_A_MEMBER');
  });

  it('nothing of A changed through all of the above', async () => {
    expect(await snapshotOfA()).toEqual(before);
    const { rows } = await tf.sql.query<{ n: string }>(`SELECT count(*) AS n FROM messages WHERE conversation_id = $1 AND text = 'planted'`, [a.conversationId]);
    expect(rows[0]!.n).toBe('0');
  });
});
