import type { Client } from 'pg';
import type { FixedClock } from '../../libs/common/src/clock/clock';
import { bearer, startTaskForce, type TaskForce } from '../support/http';
import { createChannel, eventually, type TestChannel } from '../support/inbox';
import { fixedAt, writes } from '../support/sla';

/**
 * The report over conversations that went through the real desk (webhooks, replies, resolutions, timers), with
 * the clock injected, against numbers worked out by hand below. Policy: 24/7, first response 10 min, next
 * response 20 min, resolution 1 h. Workspace in Europe/Rome (CET, UTC+1 in November), consistency: 90% a day.
 *
 * | conv | role  | local day  | first response        | next response        | resolution                    |
 * | c1   | Alpha | 2026-11-23 | 10:00→10:04  240 met  |                      | 10:00→10:30 1800 met          |
 * | c2   | Alpha | 2026-11-23 | 11:00→11:15  900 late |                      | due 12:00, breached, unended  |
 * | c3   | Beta  | 2026-11-23 | 12:00→12:10  600 met  |                      | due 13:00, breached, unended  |
 * | c4   | Beta  | 2026-11-24 | 09:00→09:02  120 met  | 09:10→09:40 1800 late| due 10:00, breached, unended  |
 * | c5   | Alpha | 2026-11-24 | 23:30→23:35  300 met  |                      | due 00:30 next day: running   |
 * (c5's message is 22:30 UTC: the 24th in Rome.)
 */
describe('the SLA report over real traffic', () => {
  let tf: TaskForce;
  let clock: FixedClock;
  let sql: Client;
  let channel: TestChannel;
  const roles: Record<string, string> = {};
  const rome = (local: string) => new Date(`${local}+01:00`);

  async function at(local: string): Promise<Date> {
    clock.set(rome(local));
    return rome(local);
  }
  const say = async (local: string, threadId: string) => writes(tf.desk, tf.admin, sql, channel, await at(local), { threadId });
  async function reply(local: string, id: string): Promise<void> {
    await at(local);
    expect((await tf.desk.http().post(`/api/conversations/${id}/replies`).set(bearer(tf.lead.token)).send({ text: 'ok' })).status).toBe(201);
  }
  async function role(id: string, name: string): Promise<void> {
    expect((await tf.desk.http().post(`/api/conversations/${id}/assignment`).set(bearer(tf.admin)).send({ roleId: roles[name] })).status).toBe(200);
  }
  const report = (groupBy: string) => tf.desk.http().get('/api/reports/sla').query({ from: '2026-11-23', to: '2026-11-25', groupBy }).set(bearer(tf.supervisor.token));
  const none = { count: 0, p50Seconds: null, p90Seconds: null, met: 0, breached: 0, attainment: null };

  beforeAll(async () => {
    clock = fixedAt('2026-11-23T08:00:00Z');
    tf = await startTaskForce({ clock });
    sql = tf.sql;
    channel = await createChannel(tf.desk, tf.admin, 'api');
    for (const name of ['Alpha', 'Beta']) {
      const res = await tf.desk.http().post('/api/roles').set(bearer(tf.lead.token)).send({ name });
      expect(res.status).toBe(201);
      roles[name] = res.body.id;
    }
    expect((await tf.desk.http().put('/api/workspace/settings').set(bearer(tf.admin)).send({ timezone: 'Europe/Rome', consistency: { period: 'day', minAttainment: 0.9 } })).status).toBe(200);
    const policy = { name: '24/7', when: {}, firstResponseSeconds: 600, nextResponseSeconds: 1200, resolutionSeconds: 3600 };
    expect((await tf.desk.http().post('/api/sla-policies').set(bearer(tf.admin)).send(policy)).status).toBe(201);

    const c1 = await say('2026-11-23T10:00:00', 'c1');
    await role(c1, 'Alpha');
    await reply('2026-11-23T10:04:00', c1);
    await at('2026-11-23T10:30:00');
    expect((await tf.desk.http().post(`/api/conversations/${c1}/status`).set(bearer(tf.lead.token)).send({ status: 'resolved' })).status).toBe(200);
    const c2 = await say('2026-11-23T11:00:00', 'c2');
    await role(c2, 'Alpha');
    await reply('2026-11-23T11:15:00', c2);
    const c3 = await say('2026-11-23T12:00:00', 'c3');
    await role(c3, 'Beta');
    await reply('2026-11-23T12:10:00', c3);
    const c4 = await say('2026-11-24T09:00:00', 'c4');
    await role(c4, 'Beta');
    await reply('2026-11-24T09:02:00', c4);
    expect(await say('2026-11-24T09:10:00', 'c4')).toBe(c4);
    await reply('2026-11-24T09:40:00', c4);
    const c5 = await say('2026-11-24T23:30:00', 'c5');
    await role(c5, 'Alpha');
    await reply('2026-11-24T23:35:00', c5);
    // Every deadline up to now has fired (c2, c3 and c4's resolution).
    await eventually(async () => {
      const due = await sql.query(`SELECT count(*)::int AS n FROM sla_clocks WHERE next_fire_at <= $1`, [clock.now()]);
      return due.rows[0].n === 0;
    }, 10_000, 'due clocks to fire');
  });
  afterAll(async () => {
    await sql?.end();
    await tf?.desk.shutdown();
  });

  it('by role', async () => {
    const res = await report('role');
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([
      {
        key: roles.Alpha,
        label: 'Alpha',
        conversations: 3,
        // [240, 300, 900]: nearest rank of 50% of 3 is the 2nd, of 90% the 3rd.
        firstResponse: { count: 3, p50Seconds: 300, p90Seconds: 900, met: 2, breached: 1, attainment: expect.closeTo(2 / 3, 4) },
        nextResponse: none,
        // c1 met in 1800 s; c2 breached and still open (no time yet); c5 still running (no outcome).
        resolution: { count: 2, p50Seconds: 1800, p90Seconds: 1800, met: 1, breached: 1, attainment: 0.5 },
        // The 23rd: 1 of 2 met (50% < 90%); the 24th: 1 of 1.
        consistency: { periods: 2, periodsOnTarget: 1, ratio: 0.5 },
      },
      {
        key: roles.Beta,
        label: 'Beta',
        conversations: 2,
        // [120, 600]: the 1st and the 2nd.
        firstResponse: { count: 2, p50Seconds: 120, p90Seconds: 600, met: 2, breached: 0, attainment: 1 },
        nextResponse: { count: 1, p50Seconds: 1800, p90Seconds: 1800, met: 0, breached: 1, attainment: 0 },
        resolution: { count: 2, p50Seconds: null, p90Seconds: null, met: 0, breached: 2, attainment: 0 },
        consistency: { periods: 2, periodsOnTarget: 2, ratio: 1 },
      },
    ]);
  });

  it('by day, in the workspace time zone', async () => {
    const res = await report('day');
    expect(res.status).toBe(200);
    expect(res.body.rows).toEqual([
      expect.objectContaining({
        key: '2026-11-23',
        conversations: 3,
        // [240, 600, 900]
        firstResponse: { count: 3, p50Seconds: 600, p90Seconds: 900, met: 2, breached: 1, attainment: expect.closeTo(2 / 3, 4) },
        nextResponse: none,
        resolution: { count: 3, p50Seconds: 1800, p90Seconds: 1800, met: 1, breached: 2, attainment: expect.closeTo(1 / 3, 4) },
        consistency: { periods: 1, periodsOnTarget: 0, ratio: 0 },
      }),
      expect.objectContaining({
        key: '2026-11-24',
        conversations: 2,
        // [120, 300]
        firstResponse: { count: 2, p50Seconds: 120, p90Seconds: 300, met: 2, breached: 0, attainment: 1 },
        nextResponse: { count: 1, p50Seconds: 1800, p90Seconds: 1800, met: 0, breached: 1, attainment: 0 },
        resolution: { count: 1, p50Seconds: null, p90Seconds: null, met: 0, breached: 1, attainment: 0 },
        consistency: { periods: 1, periodsOnTarget: 1, ratio: 1 },
      }),
    ]);
  });

  it('by hour of the day, in the workspace time zone', async () => {
    const res = await report('hour');
    expect(res.body.rows.map((r: { key: number; conversations: number }) => [r.key, r.conversations])).toEqual([
      [9, 1],
      [10, 1],
      [11, 1],
      [12, 1],
      [23, 1],
    ]);
  });

  it('the same rows as CSV', async () => {
    const res = await tf.desk.http().get('/api/reports/sla').query({ from: '2026-11-23', to: '2026-11-25', groupBy: 'role' }).set(bearer(tf.supervisor.token)).set('Accept', 'text/csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split(/\r?\n/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('Alpha');
    expect(lines[2]).toContain('Beta');
  });
});
