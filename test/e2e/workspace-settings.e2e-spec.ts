import { bearer, expectCode, messages } from '../support/http';
import { admin, agent, desk, lead, otherWorkspace, sql, supervisor, useTaskForce, workspaceId } from '../support/task-force';

describe('workspace settings', () => {
  useTaskForce();
  let other: { id: string; admin: string };

  const get = (token: string) => desk.http().get('/api/workspace/settings').set(bearer(token));
  const put = (token: string, body: unknown) => desk.http().put('/api/workspace/settings').set(bearer(token)).send(body as object);
  const stored = async (id = workspaceId) =>
    (await sql.query(`SELECT timezone, consistency_period, consistency_min_attainment::text AS min FROM workspaces WHERE id = $1`, [id])).rows[0];

  beforeAll(async () => {
    other = await otherWorkspace(desk, admin);
  });

  it('every member reads the defaults: UTC, 90 % of first responses on target every day', async () => {
    for (const token of [agent.token, lead.token, supervisor.token, admin]) {
      const res = await get(token);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ timezone: 'UTC', consistency: { period: 'day', minAttainment: 0.9 } });
    }
  });

  it('a supervisor sets the time zone and the consistency target', async () => {
    const res = await put(supervisor.token, { timezone: 'europe/rome', consistency: { period: 'week', minAttainment: 0.875 } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ timezone: 'Europe/Rome', consistency: { period: 'week', minAttainment: 0.875 } });
    expect((await get(agent.token)).body).toEqual(res.body);
    expect(await stored()).toEqual({ timezone: 'Europe/Rome', consistency_period: 'week', min: '0.875' });
    // The same time zone the workspace itself shows.
    expect((await desk.http().get('/api/workspace').set(bearer(agent.token))).body.timezone).toBe('Europe/Rome');
  });

  it('keeps what is left out, also inside consistency', async () => {
    expect((await put(admin, { consistency: { minAttainment: 1 } })).body).toEqual({ timezone: 'Europe/Rome', consistency: { period: 'week', minAttainment: 1 } });
    expect((await put(admin, { consistency: { period: 'day' } })).body).toEqual({ timezone: 'Europe/Rome', consistency: { period: 'day', minAttainment: 1 } });
    expect((await put(supervisor.token, { timezone: 'America/New_York' })).body).toEqual({ timezone: 'America/New_York', consistency: { period: 'day', minAttainment: 1 } });
    const zero = await put(supervisor.token, { consistency: { minAttainment: 0 } });
    expect(zero.body.consistency.minAttainment).toBe(0);
    expect((await put(admin, {})).body).toEqual({ timezone: 'America/New_York', consistency: { period: 'day', minAttainment: 0 } });
  });

  it('lists every problem at once and changes nothing', async () => {
    const before = await stored();
    const res = await put(admin, { timezone: 'Mars/Olympus', consistency: { period: 'month', minAttainment: 90, goal: 'x' } });
    expectCode(res, 400, 'VALIDATION_FAILED');
    expect(messages(res)).toEqual([
      'timezone must be an IANA time zone such as Europe/Rome (got "Mars/Olympus")',
      'consistency.goal is not allowed',
      'consistency.period must be one of day, week (got "month")',
      'consistency.minAttainment must be a number from 0 to 1, a share such as 0.9 (got 90)',
    ]);
    expect(messages(await put(admin, { locale: 'it' }))).toEqual(['locale: property locale should not exist']);
    expectCode(await put(admin, { timezone: '+01:00' }), 400, 'VALIDATION_FAILED');
    expect(await stored()).toEqual(before);
  });

  it('only supervisors and admins change them', async () => {
    const before = await stored();
    for (const token of [agent.token, lead.token]) {
      expectCode(await put(token, { timezone: 'Asia/Tokyo' }), 403, 'ACCESS_DENIED');
    }
    expect(await stored()).toEqual(before);
    expectCode(await desk.http().get('/api/workspace/settings'), 401, 'AUTH_REQUIRED');
  });

  it('answers every malformed body with a coded 4xx and changes nothing', async () => {
    const before = await stored();
    const bodies: unknown[] = [
      null,
      [],
      'text',
      42,
      true,
      [{ timezone: 'UTC' }],
      { timezone: null },
      { timezone: 7 },
      { timezone: ['UTC'] },
      { timezone: { zone: 'UTC' } },
      { timezone: 'x'.repeat(20_000) },
      { timezone: '' },
      { consistency: null },
      { consistency: 'weekly' },
      { consistency: [] },
      { consistency: [{ period: 'day' }] },
      { consistency: { period: null, minAttainment: null } },
      { consistency: { period: 'Day' } },
      { consistency: { period: ['day'] } },
      { consistency: { minAttainment: '0.9' } },
      { consistency: { minAttainment: -0.1 } },
      { consistency: { minAttainment: 1.0000001 } },
      { consistency: { minAttainment: 1e308 } },
      { consistency: { minAttainment: [0.9] } },
      { consistency: { minAttainment: { value: 0.9 } } },
      { consistency: { nested: { deeper: [1, 2, 3] } } },
      { name: 'Renamed' },
      { consistencyPeriod: 'week' },
    ];
    const failures: string[] = [];
    for (const body of bodies) {
      // Sent as raw JSON, so that null, arrays and scalars reach the desk exactly as written.
      const res = await desk.http().put('/api/workspace/settings').set(bearer(admin)).set('content-type', 'application/json').send(JSON.stringify(body));
      const ok = res.status >= 400 && res.status < 500 && typeof res.body?.code === 'string' && !JSON.stringify(res.body).includes('    at ');
      if (!ok) failures.push(`PUT ${JSON.stringify(body)?.slice(0, 80)} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    expect(await stored()).toEqual(before);
  });

  it('keeps workspaces apart', async () => {
    const ours = await stored();
    expect((await get(other.admin)).body).toEqual({ timezone: 'UTC', consistency: { period: 'day', minAttainment: 0.9 } });
    expect((await put(other.admin, { timezone: 'Asia/Tokyo', consistency: { period: 'week', minAttainment: 0.5 } })).status).toBe(200);
    expect(await stored(other.id)).toEqual({ timezone: 'Asia/Tokyo', consistency_period: 'week', min: '0.5' });
    expect(await stored()).toEqual(ours);
  });
});
