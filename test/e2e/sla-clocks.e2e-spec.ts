import type { Client } from 'pg';
import type { FixedClock } from '../../libs/common/src/clock/clock';
import { bearer, startTaskForce, type Member, type TaskForce } from '../support/http';
import { conversationDetail, createChannel, eventually, type TestChannel } from '../support/inbox';
import { connected, type LiveClient } from '../support/live';
import { fixedAt, writes, type Writes } from '../support/sla';

/**
 * The clocks as CONTRACT.md defines them, with the desk's clock injected: time moves when the test says so. The
 * calendar is Europe/Rome, Monday to Friday 09:00–18:00; November 2026 is CET (UTC+1).
 */
describe('SLA clocks', () => {
  let tf: TaskForce;
  let clock: FixedClock;
  let sql: Client;
  let admin: string;
  let supervisor: Member;
  let agent: Member;
  let channel: TestChannel;
  let hoursId: string;
  let live: LiveClient;
  let policyId: string;

  const rome = (local: string) => new Date(`${local}+01:00`);
  const say = (at: Date, fields: Writes = {}) => writes(tf.desk, admin, sql, channel, at, fields);
  const view = async (id: string) => (await conversationDetail(tf.desk, admin, id)) as Record<string, any>;
  const reply = (id: string, text = 'Thanks, we are on it') => tf.desk.http().post(`/api/conversations/${id}/replies`).set(bearer(agent.token)).send({ text });
  const status = (id: string, s: string, extra: Record<string, unknown> = {}) =>
    tf.desk.http().post(`/api/conversations/${id}/status`).set(bearer(agent.token)).send({ status: s, ...extra });
  const outcomes = async (id: string) =>
    (
      await sql.query(
        `SELECT target, cycle, round, met, business_seconds, wall_seconds, agent_id, ended_at IS NOT NULL AS ended FROM sla_outcomes WHERE conversation_id = $1 ORDER BY cycle, target, round`,
        [id],
      )
    ).rows;

  beforeAll(async () => {
    clock = fixedAt('2026-11-20T17:30:00Z');
    tf = await startTaskForce({ clock });
    ({ sql, admin, supervisor, agent } = tf);
    channel = await createChannel(tf.desk, admin, 'api');
    const hours = await tf.desk
      .http()
      .post('/api/business-hours')
      .set(bearer(admin))
      .send({ name: 'Office', timezone: 'Europe/Rome', weekly: [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' })) });
    expect(hours.status).toBe(201);
    hoursId = hours.body.id;
    const policy = await tf.desk
      .http()
      .post('/api/sla-policies')
      .set(bearer(admin))
      .send({ name: 'Office hours', when: {}, firstResponseSeconds: 1800, nextResponseSeconds: 3600, resolutionSeconds: 8 * 3600, businessHoursId: hoursId });
    expect(policy.status).toBe(201);
    policyId = policy.body.id;
    // The agent answers everything of this channel: give every conversation to them.
    live = await connected(tf.desk.url, { token: supervisor.token });
  });
  afterAll(async () => {
    live?.close();
    await sql?.end();
    await tf?.desk.shutdown();
  });

  async function assigned(id: string): Promise<void> {
    const res = await tf.desk.http().post(`/api/conversations/${id}/assignment`).set(bearer(admin)).send({ assigneeId: agent.id });
    expect(res.status).toBe(200);
  }

  it('a Friday-evening message with a 30-minute business-hours target is due Monday at 09:30', async () => {
    clock.set(rome('2026-11-20T18:30:00'));
    const id = await say(rome('2026-11-20T18:30:00'));
    const c = await view(id);
    expect(c.sla).toEqual({
      policyId,
      firstResponseDueAt: rome('2026-11-23T09:30:00').toISOString(),
      nextResponseDueAt: null,
      // 8 business hours: Monday 09:00 to 17:00.
      resolutionDueAt: rome('2026-11-23T17:00:00').toISOString(),
      firstRespondedAt: null,
      state: 'ok',
    });
  });

  it('pending pauses the clock and open resumes it where it stopped; a reply meets it and is recorded once', async () => {
    clock.set(rome('2026-11-23T10:00:00'));
    const id = await say(rome('2026-11-23T10:00:00'));
    await assigned(id);
    clock.set(rome('2026-11-23T10:10:00'));
    expect((await status(id, 'pending')).status).toBe(200);
    expect((await view(id)).sla).toMatchObject({ firstResponseDueAt: null, state: 'ok' });
    clock.set(rome('2026-11-23T12:10:00'));
    expect((await status(id, 'open')).status).toBe(200);
    // 10 minutes ran before the pause: 20 are left from 12:10.
    expect((await view(id)).sla.firstResponseDueAt).toBe(rome('2026-11-23T12:30:00').toISOString());
    clock.set(rome('2026-11-23T12:20:00'));
    expect((await reply(id)).status).toBe(201);
    const c = await view(id);
    expect(c.sla.firstRespondedAt).toBe(rome('2026-11-23T12:20:00').toISOString());
    expect(c.sla.firstResponseDueAt).toBeNull();
    expect(c.sla.state).toBe('ok'); // the resolution clock still runs
    expect(await outcomes(id)).toEqual([
      { target: 'first_response', cycle: 1, round: 0, met: true, business_seconds: 1200, wall_seconds: 8400, agent_id: agent.id, ended: true },
    ]);
    const met = await eventually(async () => live.received.find((e) => e.name === 'sla.met' && e.body.conversationId === id));
    expect(met.body).toMatchObject({ target: 'first_response', elapsedSeconds: 1200, conversation: { id, sla: { firstRespondedAt: rome('2026-11-23T12:20:00').toISOString() } } });
  });

  it('a note does not stop the clock; the breach fires when the time comes, and a late reply completes it', async () => {
    clock.set(rome('2026-11-24T09:00:00'));
    const id = await say(rome('2026-11-24T09:00:00'));
    await assigned(id);
    clock.set(rome('2026-11-24T09:10:00'));
    expect((await tf.desk.http().post(`/api/conversations/${id}/notes`).set(bearer(agent.token)).send({ text: 'looking into it' })).status).toBe(201);
    expect((await view(id)).sla).toMatchObject({ firstResponseDueAt: rome('2026-11-24T09:30:00').toISOString(), firstRespondedAt: null, state: 'ok' });
    clock.set(rome('2026-11-24T09:25:00'));
    const warning = await eventually(async () => live.received.find((e) => e.name === 'sla.warning' && e.body.conversationId === id), 5000, 'sla.warning');
    expect(warning.body).toMatchObject({ target: 'first_response', conversation: { sla: { state: 'warning' } } });
    clock.set(rome('2026-11-24T09:31:00'));
    const breach = await eventually(async () => live.received.find((e) => e.name === 'sla.breached' && e.body.conversationId === id), 5000, 'sla.breached');
    expect(breach.body).toMatchObject({ target: 'first_response', dueAt: rome('2026-11-24T09:30:00').toISOString(), conversation: { sla: { state: 'breached' } } });
    expect(await outcomes(id)).toEqual([{ target: 'first_response', cycle: 1, round: 0, met: false, business_seconds: null, wall_seconds: null, agent_id: agent.id, ended: false }]);
    clock.set(rome('2026-11-24T09:45:00'));
    expect((await reply(id)).status).toBe(201);
    expect(await outcomes(id)).toEqual([{ target: 'first_response', cycle: 1, round: 0, met: false, business_seconds: 2700, wall_seconds: 2700, agent_id: agent.id, ended: true }]);
    expect(live.received.filter((e) => e.name === 'sla.breached' && e.body.conversationId === id)).toHaveLength(1);
  });

  it('a reply at the due instant itself is met', async () => {
    clock.set(rome('2026-11-24T14:00:00'));
    const id = await say(rome('2026-11-24T14:00:00'));
    await assigned(id);
    clock.set(rome('2026-11-24T14:30:00'));
    expect((await reply(id)).status).toBe(201);
    expect((await outcomes(id))[0]).toMatchObject({ target: 'first_response', met: true, business_seconds: 1800 });
  });

  it('the business replying on the platform itself answers; the next customer message starts the next-response clock', async () => {
    clock.set(rome('2026-11-25T09:00:00'));
    const thread = `thread-${Date.now()}`;
    const id = await say(rome('2026-11-25T09:00:00'), { threadId: thread });
    clock.set(rome('2026-11-25T09:20:00'));
    expect(await say(rome('2026-11-25T09:05:00'), { threadId: thread, fromBusiness: true })).toBe(id);
    expect((await outcomes(id))[0]).toMatchObject({ target: 'first_response', met: true, business_seconds: 300, agent_id: null });
    expect(await say(rome('2026-11-25T09:20:00'), { threadId: thread })).toBe(id);
    expect((await view(id)).sla).toMatchObject({ firstRespondedAt: rome('2026-11-25T09:05:00').toISOString(), nextResponseDueAt: rome('2026-11-25T10:20:00').toISOString() });
    // A second message while waiting does not restart the wait.
    clock.set(rome('2026-11-25T09:40:00'));
    await say(rome('2026-11-25T09:40:00'), { threadId: thread });
    expect((await view(id)).sla.nextResponseDueAt).toBe(rome('2026-11-25T10:20:00').toISOString());
    await assigned(id);
    clock.set(rome('2026-11-25T10:00:00'));
    expect((await reply(id)).status).toBe(201);
    expect((await outcomes(id)).map((o) => [o.target, o.round, o.met, o.business_seconds])).toEqual([
      ['first_response', 0, true, 300],
      ['next_response', 1, true, 2400],
    ]);
  });

  it('resolving records the resolution; a customer writing again reopens it in a new cycle', async () => {
    clock.set(rome('2026-11-26T09:00:00'));
    const thread = `thread-r-${Date.now()}`;
    const id = await say(rome('2026-11-26T09:00:00'), { threadId: thread });
    await assigned(id);
    clock.set(rome('2026-11-26T09:10:00'));
    expect((await reply(id)).status).toBe(201);
    clock.set(rome('2026-11-26T11:00:00'));
    expect((await status(id, 'resolved')).status).toBe(200);
    const resolved = await view(id);
    expect(resolved.sla).toMatchObject({ firstResponseDueAt: null, resolutionDueAt: null, state: 'met' });
    expect((await outcomes(id)).map((o) => [o.cycle, o.target, o.met, o.business_seconds])).toEqual([
      [1, 'first_response', true, 600],
      [1, 'resolution', true, 7200],
    ]);
    clock.set(rome('2026-11-26T15:00:00'));
    expect(await say(rome('2026-11-26T15:00:00'), { threadId: thread })).toBe(id);
    const reopened = await view(id);
    expect(reopened.status).toBe('open');
    expect(reopened.sla).toMatchObject({ firstRespondedAt: null, firstResponseDueAt: rome('2026-11-26T15:30:00').toISOString(), state: 'ok' });
    const cycles = await sql.query(`SELECT sla_cycle FROM conversations WHERE id = $1`, [id]);
    expect(cycles.rows[0].sla_cycle).toBe(2);
  });

  it('a held reply does not answer until a lead approves it; then it counts at the approval', async () => {
    expect((await tf.desk.http().put('/api/reply-policy').set(bearer(admin)).send({ blockTerms: [], warnTerms: [], approvalTopics: [{ name: 'Legal', terms: ['lawyer'] }] })).status).toBe(200);
    clock.set(rome('2026-11-27T09:00:00'));
    const id = await say(rome('2026-11-27T09:00:00'));
    await assigned(id);
    clock.set(rome('2026-11-27T09:05:00'));
    const held = await reply(id, 'our lawyer will call you');
    expect(held.status).toBe(201);
    expect(held.body.deliveryStatus).toBe('held');
    expect((await view(id)).sla).toMatchObject({ firstRespondedAt: null, firstResponseDueAt: rome('2026-11-27T09:30:00').toISOString() });
    clock.set(rome('2026-11-27T09:20:00'));
    expect((await tf.desk.http().post(`/api/conversations/${id}/replies/${held.body.id}/approve`).set(bearer(admin)).send({})).status).toBe(200);
    expect((await outcomes(id))[0]).toMatchObject({ met: true, business_seconds: 1200, agent_id: agent.id });
  });

  it('snoozed pauses the clock until it wakes; the history tells every SLA moment', async () => {
    clock.set(rome('2026-11-26T16:00:00'));
    const id = await say(rome('2026-11-26T16:00:00'));
    await assigned(id);
    clock.set(rome('2026-11-26T16:05:00'));
    expect((await status(id, 'snoozed', { snoozeUntil: rome('2026-11-26T17:00:00').toISOString() })).status).toBe(200);
    expect((await view(id)).sla.firstResponseDueAt).toBeNull();
    clock.set(rome('2026-11-26T17:00:01'));
    // The snooze worker wakes it on its next pass, at the clock's time: 25 minutes are left.
    const woken = await eventually(async () => {
      const c = await view(id);
      return c.status === 'open' && c.sla.firstResponseDueAt;
    }, 10_000, 'the snoozed conversation to wake');
    expect(new Date(woken).getTime() - rome('2026-11-26T17:25:00').getTime()).toBeGreaterThanOrEqual(0);
    expect(new Date(woken).getTime() - rome('2026-11-26T17:25:00').getTime()).toBeLessThan(2000);
    clock.set(rome('2026-11-26T17:10:00'));
    expect((await reply(id)).status).toBe(201);
    const history = await tf.desk.http().get(`/api/conversations/${id}/history`).set(bearer(admin));
    expect(history.status).toBe(200);
    const sla = (history.body.items as Array<{ type: string; actor: { name: string } }>).filter((h) => h.type.startsWith('sla_'));
    expect(sla.map((h) => h.type)).toEqual(['sla_policy', 'sla_met']);
    expect(sla.every((h) => h.actor.name === 'sla')).toBe(true);
  });

  it('the list filters breached and at-risk conversations', async () => {
    clock.set(rome('2026-11-30T09:00:00'));
    const late = await say(rome('2026-11-27T17:00:00')); // due Friday 17:30
    const risky = await say(rome('2026-11-30T09:00:00'));
    clock.set(rome('2026-11-30T09:26:00'));
    await eventually(async () => (await view(risky)).sla.state === 'warning', 5000, 'the warning');
    await eventually(async () => (await view(late)).sla.state === 'breached', 5000, 'the breach');
    const breached = await tf.desk.http().get('/api/conversations').query({ sla: 'breached', limit: 100 }).set(bearer(admin));
    const atRisk = await tf.desk.http().get('/api/conversations').query({ sla: 'at_risk', limit: 100 }).set(bearer(admin));
    expect(breached.body.items.map((c: { id: string }) => c.id)).toContain(late);
    expect(breached.body.items.map((c: { id: string }) => c.id)).not.toContain(risky);
    expect(atRisk.body.items.map((c: { id: string }) => c.id)).toContain(risky);
    expect(atRisk.body.items.map((c: { id: string }) => c.id)).not.toContain(late);
  });

  it('editing a policy changes no running clock until it is re-applied, which keeps the time already run', async () => {
    clock.set(rome('2026-12-01T09:00:00'));
    const id = await say(rome('2026-12-01T09:00:00'));
    expect((await view(id)).sla.firstResponseDueAt).toBe(rome('2026-12-01T09:30:00').toISOString());
    expect((await tf.desk.http().patch(`/api/sla-policies/${policyId}`).set(bearer(admin)).send({ firstResponseSeconds: 3600 })).status).toBe(200);
    expect((await view(id)).sla.firstResponseDueAt).toBe(rome('2026-12-01T09:30:00').toISOString());
    clock.set(rome('2026-12-01T09:20:00'));
    const reapplied = await tf.desk.http().post('/api/sla-policies/reapply').set(bearer(admin)).send({});
    expect(reapplied.status).toBe(200);
    expect(reapplied.body.updated).toBeGreaterThanOrEqual(1);
    expect((await view(id)).sla.firstResponseDueAt).toBe(rome('2026-12-01T10:00:00').toISOString());
    const again = await tf.desk.http().post('/api/sla-policies/reapply').set(bearer(admin)).send({});
    expect(again.body.updated).toBe(0);
    expect((await tf.desk.http().patch(`/api/sla-policies/${policyId}`).set(bearer(admin)).send({ firstResponseSeconds: 1800 })).status).toBe(200);
  });

  it('a message dated in the future counts from now, one dated centuries back from 30 days back', async () => {
    clock.set(rome('2026-12-02T10:00:00'));
    const future = await say(new Date('2027-06-01T10:00:00Z'));
    expect((await view(future)).sla.firstResponseDueAt).toBe(rome('2026-12-02T10:30:00').toISOString());
    const ancient = await say(new Date('1000-01-01T00:00:00Z'));
    const started = await sql.query(`SELECT started_at FROM sla_clocks WHERE conversation_id = $1 AND target = 'first_response'`, [ancient]);
    expect(started.rows[0].started_at.toISOString()).toBe(rome('2026-11-02T10:00:00').toISOString());
    await eventually(async () => (await view(ancient)).sla.state === 'breached', 5000, 'the ancient message breached');
  });

  it('a conversation no policy matches has no clocks', async () => {
    const other = await tf.desk.http().post('/api/sla-policies').set(bearer(admin)).send({ name: 'Urgent only', when: { priorities: ['urgent'] }, firstResponseSeconds: 60 });
    expect(other.status).toBe(201);
    // The first policy matches everything, so delete it for this test and put it back after.
    expect((await tf.desk.http().delete(`/api/sla-policies/${policyId}`).set(bearer(admin))).status).toBe(204);
    clock.set(rome('2026-11-27T10:00:00'));
    const id = await say(rome('2026-11-27T10:00:00'));
    expect((await view(id)).sla).toEqual({ policyId: null, firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null, firstRespondedAt: null, state: 'none' });
    expect((await sql.query(`SELECT count(*)::int AS n FROM sla_clocks WHERE conversation_id = $1`, [id])).rows[0].n).toBe(0);
  });
});
