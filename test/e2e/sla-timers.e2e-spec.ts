import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { FixedClock } from '../../libs/common/src/clock/clock';
import type { TestDesk } from '../support/desk';
import { bearer, startTaskForce, type Member, type TaskForce } from '../support/http';
import { createChannel, deliver, eventually, type TestChannel } from '../support/inbox';
import { connected, type LiveClient, type Received } from '../support/live';
import { createRole, setRoleMembers } from '../support/routing';
import { writes } from '../support/sla';

jest.setTimeout(60_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const about = (name: string, conversationId: string) => (r: Received) => r.name === name && r.body?.conversationId === conversationId;

/** An SLA policy straight into its table (the engine reads policies from there; the API is tested in sla-policies). */
async function policy(sql: Client, workspaceId: string, fields: { name: string; firstResponseSeconds: number; warnAtPercent?: number; kinds?: string[]; onBreach?: string }) {
  const { rows } = await sql.query<{ id: string }>(
    `INSERT INTO sla_policies (workspace_id, name, match, first_response_seconds, warn_at_percent, breach_action) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [workspaceId, fields.name, JSON.stringify(fields.kinds ? { kinds: fields.kinds } : {}), fields.firstResponseSeconds, fields.warnAtPercent ?? 80, fields.onBreach ?? 'notify'],
  );
  return rows[0]!.id;
}

/** A customer message through the signed generic webhook, written at `createdAt`; answers its conversation once processed (seen live). */
async function customerWrites(desk: TestDesk, channel: TestChannel, live: LiveClient, createdAt: Date): Promise<string> {
  const id = `timer-${randomUUID()}`;
  const body = { id, kind: 'message', author: { id: `customer-${id}`, name: 'Customer' }, text: 'Is anyone there?', createdAt: createdAt.toISOString() };
  expect((await deliver(desk, channel, JSON.stringify(body))).status).toBe(200);
  const created = await live.waitFor((r) => r.name === 'message.created' && r.body.message?.externalId === id, 5_000, 'the message, live');
  return created.body.conversationId as string;
}

describe('SLA timers on the real clock', () => {
  let tf: TaskForce;
  let channel: TestChannel;
  let live: LiveClient;

  beforeAll(async () => {
    tf = await startTaskForce();
    channel = await createChannel(tf.desk, tf.admin, 'api');
    await policy(tf.sql, tf.workspaceId, { name: 'Two seconds', firstResponseSeconds: 2 });
    live = await connected(tf.desk.url, { token: tf.supervisor.token });
  });
  afterAll(async () => {
    live?.close();
    await tf?.sql.end();
    await tf?.desk.shutdown();
  });

  it('a breach reaches a supervisor live within a second of its due time, after the warning at 80 %', async () => {
    const createdAt = new Date();
    const id = await customerWrites(tf.desk, channel, live, createdAt);
    const warning = await live.waitFor(about('sla.warning', id), 5_000, 'sla.warning');
    const breach = await live.waitFor(about('sla.breached', id), 5_000, 'sla.breached');
    const dueAt = Date.parse(breach.body.dueAt);
    expect(dueAt).toBe(createdAt.getTime() + 2_000);
    expect(breach.at - dueAt).toBeGreaterThanOrEqual(0);
    expect(breach.at - dueAt).toBeLessThan(1_000);
    // 80 % of 2 s: 400 ms before due.
    const warnAt = dueAt - 400;
    expect(warning.at - warnAt).toBeGreaterThanOrEqual(0);
    expect(warning.at - warnAt).toBeLessThan(1_000);
    expect(warning.at).toBeLessThan(breach.at);
    expect(warning.body).toMatchObject({ target: 'first_response', dueAt: breach.body.dueAt, conversation: { id, sla: { state: 'warning' } } });
    expect(breach.body).toMatchObject({ target: 'first_response', conversation: { id, sla: { state: 'breached' } } });

    // On record as fired, stamped no earlier than due; and fired once.
    const { rows } = await tf.sql.query(`SELECT warned_at, breached_at, next_fire_at FROM sla_clocks WHERE conversation_id = $1 AND target = 'first_response'`, [id]);
    expect(rows[0].breached_at.getTime() - dueAt).toBeGreaterThanOrEqual(0);
    expect(rows[0].breached_at.getTime() - dueAt).toBeLessThan(1_000);
    expect(rows[0].next_fire_at).toBeNull();
    await sleep(1_000);
    expect(live.received.filter(about('sla.breached', id))).toHaveLength(1);
    expect(live.received.filter(about('sla.warning', id))).toHaveLength(1);
  });
});

describe('SLA timers on a test clock', () => {
  const T0 = new Date('2026-03-02T09:00:00.000Z');
  let clock: FixedClock;
  let tf: TaskForce;
  let sql: Client;
  let lead: Member;
  let agent: Member;
  let agent2: Member;
  let channel: TestChannel;
  let leadLive: LiveClient;
  let seniorLive: LiveClient;
  let front: string;
  let seniors: string;
  let solo: string;

  const say = (kind: 'message' | 'comment') => writes(tf.desk, tf.admin, sql, channel, clock.now(), { kind });
  const assign = async (id: string, body: Record<string, unknown>) => {
    expect((await tf.desk.http().post(`/api/conversations/${id}/assignment`).set(bearer(lead.token)).send(body)).status).toBe(200);
  };
  const detail = async (id: string) => (await tf.desk.http().get(`/api/conversations/${id}`).set(bearer(lead.token))).body as Record<string, any>;
  const history = async (id: string) => (await tf.desk.http().get(`/api/conversations/${id}/history`).set(bearer(lead.token))).body.items as Array<Record<string, any>>;
  const clockRow = async (id: string) => (await sql.query(`SELECT warned_at, breached_at FROM sla_clocks WHERE conversation_id = $1 AND target = 'first_response'`, [id])).rows[0];

  beforeAll(async () => {
    clock = new FixedClock(T0);
    tf = await startTaskForce({ clock });
    ({ sql, lead, agent, agent2 } = tf);
    channel = await createChannel(tf.desk, tf.admin, 'api');
    // Messages are timed and only notify; comments escalate on breach.
    await policy(sql, tf.workspaceId, { name: 'Messages', firstResponseSeconds: 600, kinds: ['message'] });
    await policy(sql, tf.workspaceId, { name: 'Comments', firstResponseSeconds: 300, kinds: ['comment'], onBreach: 'escalate' });
    // Manual roles, so that no automatic assignment hands an escalated conversation straight out again here.
    seniors = await createRole(tf.desk, lead.token, { name: 'Seniors', assignment: 'manual' });
    front = await createRole(tf.desk, lead.token, { name: 'Front line', assignment: 'manual', escalationRoleId: seniors });
    solo = await createRole(tf.desk, lead.token, { name: 'Solo', assignment: 'manual' });
    await setRoleMembers(tf.desk, lead.token, front, [agent.id]);
    await setRoleMembers(tf.desk, lead.token, solo, [agent.id]);
    await setRoleMembers(tf.desk, lead.token, seniors, [agent2.id]);
    leadLive = await connected(tf.desk.url, { token: lead.token });
    seniorLive = await connected(tf.desk.url, { token: agent2.token });
  });
  afterAll(async () => {
    leadLive?.close();
    seniorLive?.close();
    await sql?.end();
    await tf?.desk.shutdown();
  });

  it('fires as soon as the clock is moved past the warning and the due time, stamped with the clock’s time', async () => {
    const id = await say('message');
    await sleep(300);
    expect(leadLive.received.filter((r) => r.name.startsWith('sla.') && r.body?.conversationId === id)).toEqual([]);

    let moved = Date.now();
    clock.advance(480); // 80 % of 10 min
    const warning = await leadLive.waitFor(about('sla.warning', id), 5_000, 'sla.warning');
    expect(warning.at - moved).toBeLessThan(1_000);
    expect((await clockRow(id)).warned_at).toEqual(new Date(T0.getTime() + 480_000));

    // At the due instant itself a reply would still be met: not breached yet.
    clock.advance(120);
    await sleep(300);
    expect(leadLive.received.filter(about('sla.breached', id))).toEqual([]);
    moved = Date.now();
    clock.advance(0.001);
    const breach = await leadLive.waitFor(about('sla.breached', id), 5_000, 'sla.breached');
    expect(breach.at - moved).toBeLessThan(1_000);
    expect(breach.body).toMatchObject({ target: 'first_response', dueAt: new Date(T0.getTime() + 600_000).toISOString() });
    expect((await clockRow(id)).breached_at).toEqual(new Date(T0.getTime() + 600_001));
    // A notify policy leaves the conversation where it was.
    expect((await history(id)).map((l) => l.type)).not.toContain('escalated');
  });

  it("a breach under an escalating policy moves the conversation to its role's escalation role, with a history line, live", async () => {
    const id = await say('comment');
    await assign(id, { roleId: front, assigneeId: agent.id });
    const stays = await say('comment');
    await assign(stays, { roleId: solo, assigneeId: agent.id });

    clock.advance(301); // warning and breach both past: only the breach fires
    const isEscalation = (r: Received) => r.name === 'conversation.assigned' && r.body.conversation?.id === id && r.body.escalated === true;
    const told = await leadLive.waitFor(isEscalation, 5_000, 'the escalation, live to the lead');
    const reason = 'first response breached (5 min)';
    expect(told.body).toMatchObject({
      conversation: { id, roleId: seniors, assigneeId: null, acceptDueAt: null },
      previous: { roleId: front, assigneeId: agent.id },
      by: { type: 'system', id: null, name: 'sla' },
      reason,
      escalated: true,
    });
    await seniorLive.waitFor(isEscalation, 2_000, 'the escalation, live to the escalation role');
    const breach = await leadLive.waitFor(about('sla.breached', id), 2_000, 'sla.breached');
    expect(leadLive.received.filter(about('sla.warning', id))).toEqual([]);
    expect(breach.body.conversation).toMatchObject({ id, roleId: seniors, assigneeId: null });

    expect(await detail(id)).toMatchObject({ roleId: seniors, assigneeId: null });
    const lines = (await history(id)).filter((l) => l.type === 'escalated');
    expect(lines).toEqual([
      { type: 'escalated', at: expect.any(String), actor: { type: 'system', id: null, name: 'sla' }, reason, from: { roleId: front, assigneeId: agent.id }, to: { roleId: seniors, assigneeId: null } },
    ]);

    // A role without an escalation role keeps its conversation; the breach event itself tells the leads.
    await leadLive.waitFor(about('sla.breached', stays), 2_000, 'the other breach');
    expect(await detail(stays)).toMatchObject({ roleId: solo, assigneeId: agent.id });
    expect((await history(stays)).map((l) => l.type)).not.toContain('escalated');
    expect(leadLive.received.filter((r) => r.name === 'conversation.assigned' && r.body.conversation?.id === stays && r.body.escalated)).toEqual([]);

    // Once: the clock does not fire again, however far time moves.
    clock.advance(3_600);
    await sleep(500);
    expect(leadLive.received.filter(isEscalation)).toHaveLength(1);
    expect(leadLive.received.filter(about('sla.breached', id))).toHaveLength(1);
    await eventually(async () => (await clockRow(id)).breached_at !== null, 1_000, 'the breach on record');
  });
});
