import { bearer, expectCode, messages } from '../support/http';
import { admin, agent, desk, lead, otherWorkspace, sql, supervisor, useTaskForce, workspaceId } from '../support/task-force';

/*
 * GET /api/reports/sla through the real server. Outcomes are written straight into sla_outcomes (the engine that
 * writes them has its own suites); the numbers themselves are proven in test/integration/sla-report.int-spec.ts,
 * here: who may read, the JSON and CSV shapes, and every bad query a coded 4xx.
 */
describe('SLA report API', () => {
  useTaskForce();
  const ids: Record<string, string> = {};
  const URL = '/api/reports/sla';
  const get = (token: string, query: string, accept = 'application/json') => desk.http().get(`${URL}${query}`).set(bearer(token)).set('Accept', accept);

  beforeAll(async () => {
    await sql.query(`UPDATE workspaces SET timezone = 'Europe/Rome', consistency_period = 'day', consistency_min_attainment = 0.5 WHERE id = $1`, [workspaceId]);
    // Names a spreadsheet must not run, and one that needs quoting.
    const [ch] = (await sql.query(`INSERT INTO channels (workspace_id, type, name, secrets) VALUES ($1, 'api', '=HYPERLINK("http://x.example")', '') RETURNING id`, [workspaceId])).rows;
    ids.channel = ch.id;
    const [role] = (await sql.query(`INSERT INTO roles (workspace_id, name) VALUES ($1, 'Care, "VIP"') RETURNING id`, [workspaceId])).rows;
    ids.role = role.id;
    const [minus] = (await sql.query(`INSERT INTO roles (workspace_id, name) VALUES ($1, '-Escalations') RETURNING id`, [workspaceId])).rows;
    ids.minus = minus.id;
    // 2 March 2026 (Rome, UTC+1): 09:00 UTC first response met in 120 s (Care), 10:00 breached without seconds (-Escalations);
    // 3 March 10:00 UTC next response met in 30 s (Care).
    const outcomes: Array<[string, string, string, boolean, number | null]> = [
      ['2026-03-02T09:00:00Z', 'first_response', ids.role, true, 120],
      ['2026-03-02T10:00:00Z', 'first_response', ids.minus, false, null],
      ['2026-03-03T10:00:00Z', 'next_response', ids.role, true, 30],
    ];
    for (const [i, [at, target, roleId, met, seconds]] of outcomes.entries()) {
      const [conv] = (
        await sql.query(
          `INSERT INTO conversations (workspace_id, channel_id, channel_type, kind, thread_key, email_token, last_message_at)
           VALUES ($1, $2, 'api', 'message', $3, $3, now()) RETURNING id`,
          [workspaceId, ids.channel, `report-${i}`],
        )
      ).rows;
      await sql.query(
        `INSERT INTO sla_outcomes (workspace_id, conversation_id, cycle, round, target, channel_id, role_id, started_at, target_seconds, met, business_seconds)
         VALUES ($1, $2, 1, 0, $3, $4, $5, $6, 300, $7, $8)`,
        [workspaceId, conv.id, target, ids.channel, roleId, at, met, seconds],
      );
    }
  });

  it('answers supervisors, leads and admins; an agent gets 403 ACCESS_DENIED, no token 401', async () => {
    for (const token of [supervisor.token, lead.token, admin]) expect((await get(token, '?from=2026-03-02&to=2026-03-05')).status).toBe(200);
    expectCode(await get(agent.token, '?from=2026-03-02&to=2026-03-05'), 403, 'ACCESS_DENIED');
    expectCode(await desk.http().get(URL), 401, 'AUTH_REQUIRED');
  });

  it('answers the contract shape, grouped by local day by default', async () => {
    const res = await get(supervisor.token, '?from=2026-03-02&to=2026-03-05');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const none = { count: 0, p50Seconds: null, p90Seconds: null, met: 0, breached: 0, attainment: null };
    expect(res.body).toEqual({
      from: '2026-03-01T23:00:00.000Z',
      to: '2026-03-04T23:00:00.000Z',
      groupBy: 'day',
      timezone: 'Europe/Rome',
      consistency: { period: 'day', minAttainment: 0.5 },
      rows: [
        {
          key: '2026-03-02',
          label: '2026-03-02',
          conversations: 2,
          // 120 s met and a breach without seconds: 1 of 2, percentiles over the one time
          firstResponse: { count: 2, p50Seconds: 120, p90Seconds: 120, met: 1, breached: 1, attainment: 0.5 },
          nextResponse: none,
          resolution: none,
          consistency: { periods: 1, periodsOnTarget: 1, ratio: 1 }, // 0.5 >= 0.5
        },
        {
          key: '2026-03-03',
          label: '2026-03-03',
          conversations: 1,
          firstResponse: none,
          nextResponse: { count: 1, p50Seconds: 30, p90Seconds: 30, met: 1, breached: 0, attainment: 1 },
          resolution: none,
          consistency: { periods: 0, periodsOnTarget: 0, ratio: null },
        },
      ],
      definitions: expect.objectContaining({ p50Seconds: expect.stringContaining('nearest-rank'), businessSeconds: expect.any(String), consistency: expect.any(String) }),
    });
    const hours = await get(lead.token, '?from=2026-03-02&to=2026-03-05&groupBy=hour');
    expect(hours.body.rows.map((r: { key: number }) => r.key)).toEqual([10, 11]);
    const roles = await get(admin, '?from=2026-03-02&to=2026-03-05&groupBy=role');
    expect(roles.body.rows.map((r: { key: string; label: string }) => [r.key, r.label])).toEqual([
      [ids.minus, '-Escalations'],
      [ids.role, 'Care, "VIP"'],
    ]);
  });

  it('gives the same rows as a CSV attachment for Accept: text/csv, quoted and safe for spreadsheets', async () => {
    const res = await get(supervisor.token, '?from=2026-03-02&to=2026-03-05&groupBy=role', 'text/csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="sla-report-2026-03-02-2026-03-05.csv"');
    expect(res.headers.vary).toMatch(/Accept/);
    expect(res.text.split('\r\n')).toEqual([
      'key,label,conversations,' +
        'first_response_count,first_response_p50_seconds,first_response_p90_seconds,first_response_met,first_response_breached,first_response_attainment,' +
        'next_response_count,next_response_p50_seconds,next_response_p90_seconds,next_response_met,next_response_breached,next_response_attainment,' +
        'resolution_count,resolution_p50_seconds,resolution_p90_seconds,resolution_met,resolution_breached,resolution_attainment,' +
        'consistency_periods,consistency_periods_on_target,consistency_ratio',
      // a label starting with - gets an apostrophe; an empty cell is a null
      `${ids.minus},'-Escalations,1,1,,,0,1,0,0,,,0,0,,0,,,0,0,,1,0,0`,
      // a comma and quotes: quoted, quotes doubled
      `${ids.role},"Care, ""VIP""",2,1,120,120,1,0,1,1,30,30,1,0,1,0,,,0,0,,1,1,1`,
      '',
    ]);
    const channels = await get(supervisor.token, '?from=2026-03-02T00:00:00Z&to=2026-03-05&groupBy=channel', 'text/csv');
    // a formula: neutralised with an apostrophe, and quoted for its quotes
    expect(channels.text.split('\r\n')[1]).toMatch(new RegExp(`^${ids.channel},"'=HYPERLINK\\(""http://x\\.example""\\)",3,`));
    // a bound that is not a local midnight is named by its UTC instant
    expect(channels.headers['content-disposition']).toBe('attachment; filename="sla-report-20260302T000000Z-2026-03-05.csv"');
    // JSON stays the default for anything else
    expect((await get(supervisor.token, '?from=2026-03-02&to=2026-03-05', '*/*')).headers['content-type']).toMatch(/^application\/json/);
  });

  it('refuses every bad query with a coded 400 naming the problem', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['?from=garbage', 'REPORT_RANGE_INVALID', /^from must be a date YYYY-MM-DD or an ISO 8601 instant/],
      ['?from=2026-03-05&to=2026-03-01', 'REPORT_RANGE_INVALID', /^from must be before to/],
      ['?from=2026-03-05&to=2026-03-05', 'REPORT_RANGE_INVALID', /^from must be before to/],
      ['?from=2024-01-01&to=2026-01-01', 'REPORT_RANGE_INVALID', /^the range may cover at most 400 days \(got 731\)/],
      ['?from=2026-03-01&from=2026-03-02', 'REPORT_RANGE_INVALID', /^from must be given once/],
      ['?from=2026-03-01T10:00:00', 'REPORT_RANGE_INVALID', /^from must be a date/],
      ['?groupBy=foo', 'VALIDATION_FAILED', /^groupBy must be one of role, agent, channel, day, hour/],
      ['?groupBy=role&groupBy=day', 'VALIDATION_FAILED', /^groupBy must be given once/],
      ['?colour=red', 'VALIDATION_FAILED', /colour should not exist/],
    ];
    for (const [query, code, message] of cases) {
      const res = await get(supervisor.token, query);
      expectCode(res, 400, code);
      expect([query, messages(res)[0]]).toEqual([query, expect.stringMatching(message)]);
    }
    // Everything wrong at once: one answer lists it all.
    const all = await get(supervisor.token, '?from=nope&to=never&groupBy=week');
    expectCode(all, 400, 'VALIDATION_FAILED');
    expect(messages(all)).toHaveLength(3);
    // A CSV client gets the same JSON error, not a CSV.
    const csv = await get(supervisor.token, '?from=garbage', 'text/csv');
    expectCode(csv, 400, 'REPORT_RANGE_INVALID');
  });

  it("shows another workspace nothing of this one's outcomes", async () => {
    const other = await otherWorkspace(desk, admin);
    const res = await get(other.admin, '?from=2026-03-02&to=2026-03-05&groupBy=role');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ timezone: 'UTC', rows: [] });
  });
});
