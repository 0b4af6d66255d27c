import { bearer } from '../support/http';
import { connected, type LiveClient, type Received } from '../support/live';
import { inbound, seedWorkspace, type WorkspaceData, startSecurityDesk, type SecurityDesk } from '../support/security/workspace-data';
import { otherWorkspace } from '../support/task-force';

jest.setTimeout(60_000);

/** The server → client events of CONTRACT.md (and README's live chapter), every one driven in workspace A below. */
const EVENT_TYPES = [
  'conversation.created',
  'conversation.updated',
  'conversation.assigned',
  'message.created',
  'message.updated',
  'sla.warning',
  'sla.breached',
  'sla.met',
  'presence.updated',
  'conversation.viewers',
  'role.members.updated',
  'member.updated',
];

/**
 * Activity in workspace A that emits every event type, watched by A's lead (who must get each: proof they were
 * emitted) and by two clients of workspace B: its lead, and the admin of both workspaces with a token acting in B.
 * B's clients must get nothing caused by A.
 */
describe('security: live events never cross workspaces', () => {
  let tf: SecurityDesk;
  let a: WorkspaceData;
  let b: WorkspaceData;
  const clients: LiveClient[] = [];
  const connect = async (token: string) => {
    const client = await connected(tf.desk.url, { token });
    clients.push(client);
    return client;
  };
  const ok = async (req: PromiseLike<{ status: number; body: unknown }>, status = 200) => {
    const res = await req;
    expect({ status: res.status, body: res.status === status ? 'ok' : res.body }).toEqual({ status, body: 'ok' });
    return res.body as Record<string, any>;
  };

  beforeAll(async () => {
    tf = await startSecurityDesk({ WORKER_POLL_MS: '100' });
    a = await seedWorkspace(tf.desk, tf.sql, tf.workspaceId, tf.admin, 'a');
    const other = await otherWorkspace(tf.desk, tf.admin);
    b = await seedWorkspace(tf.desk, tf.sql, other.id, other.admin, 'b');
    // A's SLA: comments breach in 2 s (warning at 1 s); direct messages have an hour, so a reply meets it.
    await ok(tf.desk.http().post('/api/sla-policies').set(bearer(a.admin)).send({ name: 'Fast', when: { kinds: ['comment'] }, firstResponseSeconds: 2, warnAtPercent: 50 }), 201);
    await ok(tf.desk.http().post('/api/sla-policies').set(bearer(a.admin)).send({ name: 'Slow', when: { kinds: ['message'] }, firstResponseSeconds: 3600 }), 201);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await tf?.shutdown();
  });

  it('B receives nothing of A’s activity, while A’s lead receives every event type', async () => {
    const bLead = await connect(b.lead.token);
    const bAdmin = await connect(b.admin);
    const aLead = await connect(a.lead.token);
    const got = (type: string, pred: (r: Received) => boolean = () => true) => aLead.waitFor((r) => r.name === type && pred(r), 10_000, `${type} in A`);

    const aAgent = await connect(a.agent.token); // presence.updated
    await got('presence.updated', (r) => r.body.userId === a.agent.id);

    const comment = await inbound(tf.desk, tf.sql, a.channel, 'Still no refund after a week');
    await got('conversation.created', (r) => r.body.conversation?.id === comment.conversationId);
    await got('message.created', (r) => r.body.conversationId === comment.conversationId);

    expect(await aLead.emitAck('conversation.view', { conversationId: comment.conversationId })).toEqual({ ok: true });
    expect(await aAgent.emitAck('conversation.view', { conversationId: comment.conversationId })).toEqual({ ok: true });
    await got('conversation.viewers', (r) => r.body.conversationId === comment.conversationId && r.body.viewers.length === 2);

    await ok(tf.desk.http().post(`/api/conversations/${comment.conversationId}/assignment`).set(bearer(a.lead.token)).send({ assigneeId: a.agent.id, reason: 'yours' }));
    await got('conversation.assigned', (r) => r.body.conversation?.id === comment.conversationId);
    await ok(tf.desk.http().post(`/api/conversations/${comment.conversationId}/priority`).set(bearer(a.lead.token)).send({ priority: 'high' }));
    await got('conversation.updated', (r) => r.body.conversation?.id === comment.conversationId);

    // The same event id with another text is an edit.
    const dm = await inbound(tf.desk, tf.sql, a.channel, 'Can I change my booking?', { kind: 'message', id: 'dm-1' });
    await inbound(tf.desk, tf.sql, a.channel, 'Can I change my booking to Friday?', { kind: 'message', id: 'dm-1' });
    await got('message.updated', (r) => r.body.conversationId === dm.conversationId);
    await ok(tf.desk.http().post(`/api/conversations/${dm.conversationId}/replies`).set(bearer(a.agent.token)).send({ text: 'Of course, which day?' }), 201);
    await got('sla.met', (r) => r.body.conversationId === dm.conversationId);

    await ok(tf.desk.http().put(`/api/roles/${a.roleId}/members`).set(bearer(a.lead.token)).send({ members: [{ userId: a.agent.id }, { userId: a.lead.id }] }));
    await got('role.members.updated', (r) => r.body.roleId === a.roleId);
    await ok(tf.desk.http().patch(`/api/users/${a.supervisor.id}`).set(bearer(a.admin)).send({ access: 'lead' }));
    await got('member.updated', (r) => r.body.userId === a.supervisor.id || r.body.id === a.supervisor.id);

    await got('sla.warning', (r) => r.body.conversationId === comment.conversationId);
    await got('sla.breached', (r) => r.body.conversationId === comment.conversationId);
    expect([...new Set(aLead.received.map((r) => r.name))].filter((n) => EVENT_TYPES.includes(n)).sort()).toEqual([...EVENT_TYPES].sort());

    // A moment for anything misrouted to arrive, then B's view: no logged event at all (B was idle), and the
    // ephemeral ones only about B's own people connecting.
    await new Promise((r) => setTimeout(r, 500));
    const aIds = [a.workspaceId, a.agent.id, a.lead.id, a.supervisor.id, a.roleId, a.channel.id, comment.conversationId, dm.conversationId];
    for (const client of [bLead, bAdmin]) {
      const text = JSON.stringify(client.received);
      expect(aIds.filter((id) => text.includes(id))).toEqual([]);
      expect(client.logged()).toEqual([]);
      expect(client.received.filter((r) => !['replay.done', 'presence.updated'].includes(r.name)).map((r) => r.name)).toEqual([]);
      for (const r of client.received.filter((e) => e.name === 'presence.updated')) expect([b.lead.id, b.adminId]).toContain(r.body.userId);
    }
    // A replay from the start of B's log holds B's seeding and nothing of A's.
    const replayed = await connected(tf.desk.url, { token: b.admin, lastSeq: 0 });
    clients.push(replayed);
    expect(replayed.logged().length).toBeGreaterThan(0);
    expect(replayed.logged().every((r) => r.body.workspaceId === b.workspaceId)).toBe(true);
    expect(aIds.filter((id) => JSON.stringify(replayed.received).includes(id))).toEqual([]);
  });
});
