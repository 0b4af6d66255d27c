import { bearer, expectCode, messages } from '../support/http';
import { insertConversation } from '../support/routing';
import { admin, agent, desk, lead, otherWorkspace, sql, supervisor, useTaskForce, workspaceId } from '../support/task-force';

/*
 * GET /api/reports/sentiment through the real server. Conversations are inserted straight into the table, then
 * given a sentiment and a creation instant (the classifier that writes sentiments has its own suites): the counts
 * per local day (Europe/Rome, across midnight and the spring daylight-saving change), per role and per channel,
 * the totals, the CSV, who may read it, every bad query, and another workspace's conversations left out.
 */
describe('sentiment report API', () => {
  useTaskForce();
  const URL = '/api/reports/sentiment';
  const RANGE = '?from=2026-03-02&to=2026-03-31';
  const ids: Record<string, string> = {};
  const get = (token: string, query: string, accept = 'application/json') => desk.http().get(`${URL}${query}`).set(bearer(token)).set('Accept', accept);
  const counts = (conversations: number, negative: number, neutral: number, positive: number, unknown: number) => ({ conversations, negative, neutral, positive, unknown });

  async function conversation(ws: string, channelId: string, roleId: string | null, createdAt: string, sentiment: string | null): Promise<void> {
    const id = await insertConversation(sql, ws, channelId, { roleId });
    await sql.query(`UPDATE conversations SET created_at = $2, sentiment = $3 WHERE id = $1`, [id, createdAt, sentiment]);
  }

  beforeAll(async () => {
    await sql.query(`UPDATE workspaces SET timezone = 'Europe/Rome' WHERE id = $1`, [workspaceId]);
    const channel = async (ws: string, name: string) =>
      (await sql.query(`INSERT INTO channels (workspace_id, type, name, secrets) VALUES ($1, 'api', $2, '') RETURNING id`, [ws, name])).rows[0].id as string;
    const role = async (name: string) => (await sql.query(`INSERT INTO roles (workspace_id, name) VALUES ($1, $2) RETURNING id`, [workspaceId, name])).rows[0].id as string;
    ids.web = await channel(workspaceId, 'Web chat');
    ids.formula = await channel(workspaceId, '=Instagram');
    ids.care = await role('Care');
    ids.sales = await role('sales');
    // Rome is UTC+1 until 29 March 2026 02:00, UTC+2 after.
    const rows: Array<[string, string | null, string, string | null]> = [
      ['web', 'care', '2026-03-01T22:59:59Z', 'negative'], // 1 Mar 23:59:59 local: before the range
      ['web', 'care', '2026-03-01T23:00:00Z', 'negative'], // 2 Mar 00:00 local: the range's first instant
      ['formula', 'care', '2026-03-02T08:00:00Z', 'positive'], // 2 Mar 09:00
      ['web', 'sales', '2026-03-02T22:59:59Z', 'positive'], // 2 Mar 23:59:59 local: the day's last second
      ['web', null, '2026-03-02T23:00:00Z', 'neutral'], // 3 Mar 00:00 local
      ['formula', 'sales', '2026-03-03T12:00:00Z', null], // 3 Mar, not classified yet
      ['web', 'care', '2026-03-29T22:30:00Z', 'negative'], // 30 Mar 00:30 local (UTC+2); 29 Mar in the winter offset
      ['formula', null, '2026-03-30T21:59:59Z', 'neutral'], // 30 Mar 23:59:59 local: the range's last second
      ['web', 'care', '2026-03-30T22:00:00Z', 'positive'], // 31 Mar 00:00 local: `to`, excluded
    ];
    for (const [ch, r, at, sentiment] of rows) await conversation(workspaceId, ids[ch]!, r ? ids[r]! : null, at, sentiment);
  });

  it('answers supervisors, leads and admins; an agent gets 403 ACCESS_DENIED, no token 401', async () => {
    for (const token of [supervisor.token, lead.token, admin]) expect((await get(token, RANGE)).status).toBe(200);
    expectCode(await get(agent.token, RANGE), 403, 'ACCESS_DENIED');
    expectCode(await desk.http().get(URL), 401, 'AUTH_REQUIRED');
  });

  it('counts by local day by default: a second before midnight in Rome stays on its day, after the clock change too', async () => {
    const res = await get(supervisor.token, RANGE);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: '2026-03-01T23:00:00.000Z',
      to: '2026-03-30T22:00:00.000Z',
      groupBy: 'day',
      timezone: 'Europe/Rome',
      rows: [
        { key: '2026-03-02', ...counts(3, 1, 0, 2, 0) },
        { key: '2026-03-03', ...counts(2, 0, 1, 0, 1) },
        { key: '2026-03-30', ...counts(2, 1, 1, 0, 0) },
      ],
      totals: counts(7, 2, 2, 2, 1),
    });
    // An instant range reads instants: 2 Mar 23:59:59 local alone.
    const second = await get(supervisor.token, '?from=2026-03-02T22:59:59Z&to=2026-03-02T23:00:00Z');
    expect(second.body.rows).toEqual([{ key: '2026-03-02', ...counts(1, 0, 0, 1, 0) }]);
  });

  it('counts by role (by name, the conversations without one last as "none") and by channel', async () => {
    const roles = await get(lead.token, `${RANGE}&groupBy=role`);
    expect(roles.body.rows).toEqual([
      { key: ids.care, label: 'Care', ...counts(3, 2, 0, 1, 0) },
      { key: ids.sales, label: 'sales', ...counts(2, 0, 0, 1, 1) },
      { key: 'none', label: 'No role', ...counts(2, 0, 2, 0, 0) },
    ]);
    expect(roles.body.totals).toEqual(counts(7, 2, 2, 2, 1));
    const channels = await get(admin, `${RANGE}&groupBy=channel`);
    expect(channels.body.rows).toEqual([
      { key: ids.formula, label: '=Instagram', ...counts(3, 0, 1, 1, 1) },
      { key: ids.web, label: 'Web chat', ...counts(4, 2, 1, 1, 0) },
    ]);
    expect(channels.body.totals).toEqual(counts(7, 2, 2, 2, 1));
  });

  it('gives the same rows as a CSV attachment for Accept: text/csv', async () => {
    const res = await get(supervisor.token, `${RANGE}&groupBy=channel`, 'text/csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="sentiment-report-2026-03-02-2026-03-31.csv"');
    expect(res.headers.vary).toMatch(/Accept/);
    expect(res.text.split('\r\n')).toEqual([
      'key,label,conversations,negative,neutral,positive,unknown',
      // a channel name a spreadsheet would run: an apostrophe first
      `${ids.formula},'=Instagram,3,0,1,1,1`,
      `${ids.web},Web chat,4,2,1,1,0`,
      '',
    ]);
    const days = await get(supervisor.token, '?from=2026-03-02T00:00:00Z&to=2026-03-04', 'text/csv');
    expect(days.text.split('\r\n')).toEqual(['key,label,conversations,negative,neutral,positive,unknown', '2026-03-02,,2,0,0,2,0', '2026-03-03,,2,0,1,0,1', '']);
    expect(days.headers['content-disposition']).toBe('attachment; filename="sentiment-report-20260302T000000Z-2026-03-04.csv"');
  });

  it('refuses every bad query with the SLA report’s coded 400s', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['?groupBy=agent', 'VALIDATION_FAILED', /^groupBy must be one of day, role, channel \(got "agent"\)/],
      ['?groupBy=hour', 'VALIDATION_FAILED', /^groupBy must be one of day, role, channel/],
      ['?groupBy=day&groupBy=role', 'VALIDATION_FAILED', /^groupBy must be given once/],
      ['?colour=red', 'VALIDATION_FAILED', /colour should not exist/],
      ['?from=garbage', 'REPORT_RANGE_INVALID', /^from must be a date YYYY-MM-DD or an ISO 8601 instant/],
      ['?from=2026-03-05&to=2026-03-05', 'REPORT_RANGE_INVALID', /^from must be before to/],
      ['?from=2024-01-01&to=2026-01-01', 'REPORT_RANGE_INVALID', /^the range may cover at most 400 days/],
    ];
    for (const [query, code, message] of cases) {
      const res = await get(supervisor.token, query);
      expectCode(res, 400, code);
      expect([query, messages(res)[0]]).toEqual([query, expect.stringMatching(message)]);
    }
    expect(messages(await get(supervisor.token, '?from=nope&groupBy=week'))).toHaveLength(2);
    expectCode(await get(supervisor.token, '?from=garbage', 'text/csv'), 400, 'REPORT_RANGE_INVALID');
  });

  it('is documented in the OpenAPI document, with the query and the answer described', async () => {
    const doc = (await desk.http().get('/api/docs-json')).body;
    const op = doc.paths['/api/reports/sentiment'].get;
    expect(op.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['from', 'groupBy', 'to']);
    expect(op.parameters.find((p: { name: string }) => p.name === 'groupBy').schema.enum).toEqual(['day', 'role', 'channel']);
    expect(Object.keys(op.responses['200'].content).sort()).toEqual(['application/json', 'text/csv']);
    expect(Object.keys(doc.components.schemas.SentimentReportDto.properties).sort()).toEqual(['from', 'groupBy', 'rows', 'timezone', 'to', 'totals']);
    expect(doc.components.schemas.SentimentCountsDto.properties.unknown.description).toMatch(/not classified/);
  });

  it('counts only its own workspace’s conversations', async () => {
    const other = await otherWorkspace(desk, admin);
    const otherChannel = (await sql.query(`INSERT INTO channels (workspace_id, type, name, secrets) VALUES ($1, 'api', 'Other chat', '') RETURNING id`, [other.id])).rows[0].id as string;
    await conversation(other.id, otherChannel, null, '2026-03-02T12:00:00Z', 'negative');
    const theirs = await get(other.admin, `${RANGE}&groupBy=channel`);
    expect(theirs.body).toMatchObject({ timezone: 'UTC', rows: [{ key: otherChannel, label: 'Other chat', ...counts(1, 1, 0, 0, 0) }], totals: counts(1, 1, 0, 0, 0) });
    const ours = await get(supervisor.token, RANGE);
    expect(ours.body.totals).toEqual(counts(7, 2, 2, 2, 1));
  });
});
