import type { Client } from 'pg';
import { FixedClock } from '../../libs/common/src/clock/clock';
import { bearer, expectCode, messages, startTaskForce, type Member, type TaskForce } from '../support/http';
import { conversationsOf, createChannel, eventually, type TestChannel } from '../support/inbox';
import { createRole, setRoleMembers } from '../support/routing';
import { otherWorkspace } from '../support/task-force';
import { writes } from '../support/sla';

type Item = { conversation: Record<string, any>; target: string; dueAt: string; remainingSeconds: number };

/**
 * GET /api/sla/board: the running clocks of open conversations, soonest due first, with the seconds left by the
 * desk's clock. The desk's clock is a test clock, so remainingSeconds is exact.
 */
describe('SLA board', () => {
  const T0 = new Date('2026-03-02T10:00:00.000Z');
  const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
  let tf: TaskForce;
  let clock: FixedClock;
  let sql: Client;
  let admin: string;
  let lead: Member;
  let agent: Member;
  let agent2: Member;
  let supervisor: Member;
  let channel: TestChannel;
  let care: string;
  /** Conversations by name: late (first response overdue), soon, later. */
  const ids: Record<string, string> = {};

  const board = (token: string, query: Record<string, string> = {}) => tf.desk.http().get('/api/sla/board').query(query).set(bearer(token));
  const items = async (token: string, query: Record<string, string> = {}) => {
    const res = await board(token, query);
    expect(res.status).toBe(200);
    return res.body.items as Item[];
  };
  /** The board restricted to this spec's named conversations, as [name, target, remainingSeconds]. */
  const mine = async (token: string) => {
    const names = new Map(Object.entries(ids).map(([name, id]) => [id, name]));
    return (await items(token)).filter((i) => names.has(i.conversation.id)).map((i) => [names.get(i.conversation.id), i.target, i.remainingSeconds]);
  };
  const say = (name: string, offsetSeconds: number) => writes(tf.desk, admin, sql, channel, at(offsetSeconds), { text: name });
  /** A customer message written at the desk clock's present instant. */
  const sayNow = (name: string) => writes(tf.desk, admin, sql, channel, clock.now(), { text: name });
  const status = (id: string, s: string) => tf.desk.http().post(`/api/conversations/${id}/status`).set(bearer(lead.token)).send({ status: s });
  const assign = async (id: string, body: Record<string, unknown>) => {
    expect((await tf.desk.http().post(`/api/conversations/${id}/assignment`).set(bearer(lead.token)).send(body)).status).toBe(200);
  };

  beforeAll(async () => {
    clock = new FixedClock(T0);
    tf = await startTaskForce({ clock });
    ({ sql, admin, lead, agent, agent2, supervisor } = tf);
    channel = await createChannel(tf.desk, admin, 'api');
    care = await createRole(tf.desk, lead.token, { name: 'Care', assignment: 'manual' });
    await setRoleMembers(tf.desk, lead.token, care, [agent.id]);
    await sql.query(
      `INSERT INTO sla_policies (workspace_id, name, match, first_response_seconds, resolution_seconds) VALUES ($1, 'Board', '{}', 600, 3600)`,
      [tf.workspaceId],
    );
    // First response: 10 min; resolution: 1 h. Relative to T0, the first response of `late` was due 100 s ago.
    ids.late = await say('late', -700);
    ids.soon = await say('soon', -60);
    ids.later = await say('later', 0);
  });
  afterAll(async () => {
    await sql?.end();
    await tf?.desk.shutdown();
  });

  it('lists every running clock, soonest due first, with the seconds left (negative once breached)', async () => {
    // The overdue one breaches at once (the timer's first look); it stays on the board, at the top.
    await eventually(async () => (await sql.query(`SELECT breached_at FROM sla_clocks WHERE conversation_id = $1 AND target = 'first_response'`, [ids.late])).rows[0]?.breached_at, 5_000, 'the breach');
    expect(await mine(supervisor.token)).toEqual([
      ['late', 'first_response', -100],
      ['soon', 'first_response', 540],
      ['later', 'first_response', 600],
      ['late', 'resolution', 2900],
      ['soon', 'resolution', 3540],
      ['later', 'resolution', 3600],
    ]);
    const all = await items(supervisor.token);
    const dues = all.map((i) => Date.parse(i.dueAt));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    const first = all.find((i) => i.conversation.id === ids.late && i.target === 'first_response')!;
    expect(first.dueAt).toBe(at(-100).toISOString());
    expect(first.conversation).toMatchObject({ id: ids.late, status: 'open', sla: { firstResponseDueAt: at(-100).toISOString(), resolutionDueAt: at(2900).toISOString(), state: 'breached' } });
    // The same Conversation as the inbox's list answers.
    const listed = (await conversationsOf(tf.desk, admin)).find((c) => c.id === ids.late)!;
    expect(first.conversation).toEqual(listed);
  });

  it('counts down with the desk clock', async () => {
    clock.advance(100);
    expect(await mine(admin)).toEqual([
      ['late', 'first_response', -200],
      ['soon', 'first_response', 440],
      ['later', 'first_response', 500],
      ['late', 'resolution', 2800],
      ['soon', 'resolution', 3440],
      ['later', 'resolution', 3500],
    ]);
    // Half a second past the due instant is already breached: rounded down, never to 0.
    clock.advance(440.5);
    expect((await mine(admin)).find(([n, t]) => n === 'soon' && t === 'first_response')).toEqual(['soon', 'first_response', -1]);
  });

  it('leaves out paused clocks (pending, snoozed), concluded ones (a reply) and resolved conversations', async () => {
    const paused = await sayNow('paused');
    const answered = await sayNow('answered');
    const done = await sayNow('done');
    expect((await status(paused, 'pending')).status).toBe(200);
    expect((await status(done, 'resolved')).status).toBe(200);
    await assign(answered, { assigneeId: agent.id });
    expect((await tf.desk.http().post(`/api/conversations/${answered}/replies`).set(bearer(agent.token)).send({ text: 'Here to help' })).status).toBe(201);
    const seen = (await items(admin)).filter((i) => [paused, answered, done].includes(i.conversation.id));
    expect(seen.map((i) => [i.conversation.id, i.target])).toEqual([[answered, 'resolution']]);
    // Open again: back on the board, its time left as it was when it paused (it paused at once).
    expect((await status(paused, 'open')).status).toBe(200);
    const back = (await items(admin)).filter((i) => i.conversation.id === paused);
    expect(back.map((i) => [i.target, i.remainingSeconds])).toEqual([
      ['first_response', 600],
      ['resolution', 3600],
    ]);
  });

  it("shows an agent only their roles' conversations and their own", async () => {
    await assign(ids.late!, { roleId: care });
    await assign(ids.soon!, { assigneeId: agent.id });
    const agentSees = new Set((await items(agent.token)).map((i) => i.conversation.id));
    expect(agentSees.has(ids.late!)).toBe(true);
    expect(agentSees.has(ids.soon!)).toBe(true);
    expect(agentSees.has(ids.later!)).toBe(false);
    expect((await items(agent2.token)).filter((i) => Object.values(ids).includes(i.conversation.id))).toEqual([]);
    // Another workspace sees none of it.
    const other = await otherWorkspace(tf.desk, admin);
    expect(await items(other.admin)).toEqual([]);
  });

  it('takes a limit from 1 to 500 (default 100) and refuses anything else with a coded 400', async () => {
    const all = await items(admin);
    const two = await items(admin, { limit: '2' });
    expect(two).toEqual(all.slice(0, 2));
    expect(await items(admin, { limit: '500' })).toEqual(all);
    for (const limit of ['0', 'abc', '9999', '-1', '1.5', '501', '']) {
      const res = await board(admin, { limit });
      expectCode(res, 400, 'VALIDATION_FAILED');
      expect(messages(res).join(' ')).toMatch(/limit/);
    }
    expectCode(await board(admin, { limit: '2', extra: 'x' }), 400, 'VALIDATION_FAILED');
  });

  it('needs a token', async () => {
    expect((await tf.desk.http().get('/api/sla/board')).status).toBe(401);
  });
});
