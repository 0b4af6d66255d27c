import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../libs/common/src/clock/clock';
import { dataSourceOptions } from '../../libs/db/src/data-source.options';
import { runMigrations } from '../../libs/db/src/migrate';
import { createTestDatabase, TestDatabase } from '../../libs/db/src/testing/test-database';
import { SlaReportRepository } from '../../libs/sla/src/reports/sla-report.repository';
import { SlaReportService } from '../../libs/sla/src/reports/sla-report.service';
import type { ReportQuery } from '../../libs/sla/src/reports/report-range';
import type { SlaReport, SlaReportRow, SlaTargetStats } from '../../libs/sla/src/reports/sla-report.view';

jest.setTimeout(60_000);

/*
 * The SLA report against outcomes written straight into sla_outcomes, with every expected number worked out by
 * hand below. The workspace is in Europe/Rome (UTC+1 until 29 March 2026, UTC+2 after), consistency per local
 * day with minAttainment 0.75 unless a test changes it.
 *
 * Outcomes (F first response, N next response, R resolution; m met, b breached; seconds = business seconds):
 *   id   started (UTC)            local (Rome)       tgt  role    agent  chan  m/b  secs  conv
 *   b0   2026-03-01 22:59:59      Sun 01 23:59:59    F    Care    Ada    FB    m    5     K0   (before 2 March)
 *   a1   2026-03-01 23:00:00      Mon 02 00:00       F    Care    Ada    FB    m    100   K1
 *   a2   2026-03-02 09:00         Mon 02 10:00       F    Care    Ada    FB    m    300   K2
 *   a3   2026-03-02 10:00         Mon 02 11:00       F    Care    Bruno  IG    b    900   K3
 *   a4   2026-03-02 11:00         Mon 02 12:00       F    Billing Bruno  IG    m    200   K4
 *   a5   2026-03-02 12:00         Mon 02 13:00       N    Care    Ada    FB    m    50    K1
 *   a6   2026-03-02 13:00         Mon 02 14:00       R    Care    Ada    FB    m    4000  K1
 *   a7   2026-03-02 23:30         Tue 03 00:30       F    Care    Ada    FB    m    60    K5   (23:30 UTC: next local day)
 *   a8   2026-03-03 08:00         Tue 03 09:00       F    Care    -      FB    b    null  K6   (breached, still running)
 *   a9   2026-03-03 09:00         Tue 03 10:00       F    -       -      IG    b    1200  K7
 *   a10  2026-03-03 10:00         Tue 03 11:00       F    Billing Bruno  IG    m    400   K8
 *   a11  2026-03-04 10:00         Wed 04 11:00       F    Care    Ada    FB    m    500   K9
 *   a12  2026-03-04 22:59:59.999  Wed 04 23:59:59.999 F   Care    Bruno  IG    m    700   K10
 *   a13  2026-03-04 23:00         Thu 05 00:00       F    Care    Ada    FB    m    10    K11
 *   a16  2026-03-06 10:00         Fri 06 11:00       F    Billing Bruno  IG    b    800   K14
 *   a17  2026-03-07 10:00         Sat 07 11:00       F    Billing Bruno  IG    b    850   K15
 *   a14  2026-03-08 22:30         Sun 08 23:30       F    Care    Ada    FB    b    1000  K12  (last of ISO week 10)
 *   a15  2026-03-08 23:30         Mon 09 00:30       F    Care    Ada    FB    m    30    K13  (first of week 11, same UTC day)
 *   a19  2026-03-11 10:00         Wed 11 11:00       F    Care    Bruno  FB    b    null  K17
 * The DST day, 29 March (23 hours long), role since deleted:
 *   d1   2026-03-28 23:00         Sun 29 00:00 CET   F    (gone)  Ada    FB    m    10    D1
 *   d2   2026-03-29 00:59:59      Sun 29 01:59:59    F    (gone)  Ada    FB    m    20    D2
 *   d3   2026-03-29 01:00         Sun 29 03:00 CEST  F    (gone)  Ada    FB    b    30    D3
 *   d4   2026-03-29 21:59:59      Sun 29 23:59:59    F    (gone)  Ada    FB    m    40    D4
 *   d5   2026-03-29 22:00         Mon 30 00:00       F    (gone)  Ada    FB    m    50    D5
 * Another workspace has one outcome on 2 March 10:00 local under the same role, user and conversation-less ids
 * where it can: it must never show.
 */
describe('SLA report (sla_outcomes)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let service: SlaReportService;
  const clock = new FixedClock(new Date('2026-03-04T12:00:00Z'));
  let ws: string;
  let other: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url)).initialize();
    await runMigrations(ds);
    [{ id: ws }, { id: other }] = await ds.query(
      `INSERT INTO workspaces (name, timezone, consistency_period, consistency_min_attainment) VALUES ('Rome', 'Europe/Rome', 'day', 0.75), ('Other', 'UTC', 'day', 0.9) RETURNING id`,
    );
    const channel = async (workspace: string, name: string, type: string) =>
      ((await ds.query(`INSERT INTO channels (workspace_id, type, name, secrets) VALUES ($1, $2, $3, '') RETURNING id`, [workspace, type, name])) as Array<{ id: string }>)[0]!.id;
    ids.FB = await channel(ws, 'Facebook page', 'facebook');
    ids.IG = await channel(ws, 'Instagram', 'instagram');
    ids.OTHER_CH = await channel(other, 'Other channel', 'api');
    const role = async (workspace: string, name: string) =>
      ((await ds.query(`INSERT INTO roles (workspace_id, name) VALUES ($1, $2) RETURNING id`, [workspace, name])) as Array<{ id: string }>)[0]!.id;
    ids.Care = await role(ws, 'Care');
    ids.Billing = await role(ws, 'Billing');
    ids.gone = randomUUID(); // a role deleted since: outcomes keep its id
    const user = async (name: string) =>
      ((await ds.query(`INSERT INTO users (email, name, password_hash) VALUES ($1, $2, 'x') RETURNING id`, [`${name.toLowerCase()}@example.com`, name])) as Array<{ id: string }>)[0]!.id;
    ids.Ada = await user('Ada');
    ids.Bruno = await user('Bruno');

    type Seed = [id: string, at: string, target: 'F' | 'N' | 'R', role: string | null, agent: string | null, chan: string, met: boolean, secs: number | null, conv: string];
    const TARGET = { F: 'first_response', N: 'next_response', R: 'resolution' } as const;
    const seeds: Seed[] = [
      ['b0', '2026-03-01T22:59:59Z', 'F', 'Care', 'Ada', 'FB', true, 5, 'K0'],
      ['a1', '2026-03-01T23:00:00Z', 'F', 'Care', 'Ada', 'FB', true, 100, 'K1'],
      ['a2', '2026-03-02T09:00:00Z', 'F', 'Care', 'Ada', 'FB', true, 300, 'K2'],
      ['a3', '2026-03-02T10:00:00Z', 'F', 'Care', 'Bruno', 'IG', false, 900, 'K3'],
      ['a4', '2026-03-02T11:00:00Z', 'F', 'Billing', 'Bruno', 'IG', true, 200, 'K4'],
      ['a5', '2026-03-02T12:00:00Z', 'N', 'Care', 'Ada', 'FB', true, 50, 'K1'],
      ['a6', '2026-03-02T13:00:00Z', 'R', 'Care', 'Ada', 'FB', true, 4000, 'K1'],
      ['a7', '2026-03-02T23:30:00Z', 'F', 'Care', 'Ada', 'FB', true, 60, 'K5'],
      ['a8', '2026-03-03T08:00:00Z', 'F', 'Care', null, 'FB', false, null, 'K6'],
      ['a9', '2026-03-03T09:00:00Z', 'F', null, null, 'IG', false, 1200, 'K7'],
      ['a10', '2026-03-03T10:00:00Z', 'F', 'Billing', 'Bruno', 'IG', true, 400, 'K8'],
      ['a11', '2026-03-04T10:00:00Z', 'F', 'Care', 'Ada', 'FB', true, 500, 'K9'],
      ['a12', '2026-03-04T22:59:59.999Z', 'F', 'Care', 'Bruno', 'IG', true, 700, 'K10'],
      ['a13', '2026-03-04T23:00:00Z', 'F', 'Care', 'Ada', 'FB', true, 10, 'K11'],
      ['a16', '2026-03-06T10:00:00Z', 'F', 'Billing', 'Bruno', 'IG', false, 800, 'K14'],
      ['a17', '2026-03-07T10:00:00Z', 'F', 'Billing', 'Bruno', 'IG', false, 850, 'K15'],
      ['a14', '2026-03-08T22:30:00Z', 'F', 'Care', 'Ada', 'FB', false, 1000, 'K12'],
      ['a15', '2026-03-08T23:30:00Z', 'F', 'Care', 'Ada', 'FB', true, 30, 'K13'],
      ['a19', '2026-03-11T10:00:00Z', 'F', 'Care', 'Bruno', 'FB', false, null, 'K17'],
      ['d1', '2026-03-28T23:00:00Z', 'F', 'gone', 'Ada', 'FB', true, 10, 'D1'],
      ['d2', '2026-03-29T00:59:59Z', 'F', 'gone', 'Ada', 'FB', true, 20, 'D2'],
      ['d3', '2026-03-29T01:00:00Z', 'F', 'gone', 'Ada', 'FB', false, 30, 'D3'],
      ['d4', '2026-03-29T21:59:59Z', 'F', 'gone', 'Ada', 'FB', true, 40, 'D4'],
      ['d5', '2026-03-29T22:00:00Z', 'F', 'gone', 'Ada', 'FB', true, 50, 'D5'],
    ];
    const conversation = async (workspace: string, chan: string, key: string) =>
      ((await ds.query(
        `INSERT INTO conversations (workspace_id, channel_id, channel_type, kind, thread_key, email_token, last_message_at)
         VALUES ($1, $2, 'api', 'message', $3, $3, now()) RETURNING id`,
        [workspace, chan, key],
      )) as Array<{ id: string }>)[0]!.id;
    const insert = (workspace: string, conv: string, s: Seed, chan: string) =>
      ds.query(
        `INSERT INTO sla_outcomes (workspace_id, conversation_id, cycle, round, target, channel_id, role_id, agent_id, started_at, due_at, target_seconds, met, business_seconds)
         VALUES ($1, $2, 1, 0, $3, $4, $5, $6, $7, $7::timestamptz + interval '1 hour', 3600, $8, $9)`,
        [workspace, conv, TARGET[s[2]], chan, s[3] && ids[s[3]], s[4] && ids[s[4]], s[1], s[6], s[7]],
      );
    for (const s of seeds) {
      ids[s[8]] ??= await conversation(ws, ids[s[5]]!, s[8]);
      await insert(ws, ids[s[8]]!, s, ids[s[5]]!);
    }
    // The other tenant: same role and user ids, inside every range below. Never counted.
    const foreign = await conversation(other, ids.OTHER_CH, 'X1');
    await insert(other, foreign, ['x1', '2026-03-02T09:00:00Z', 'F', 'Care', 'Ada', 'FB', true, 1, 'X1'], ids.OTHER_CH);
    service = new SlaReportService(ds, new SlaReportRepository(), clock);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const report = (query: ReportQuery, workspace = ws): Promise<SlaReport> => service.report(workspace, query);
  const stats = (count: number, met: number, p50: number | null, p90: number | null): SlaTargetStats => ({
    count,
    p50Seconds: p50,
    p90Seconds: p90,
    met,
    breached: count - met,
    attainment: count === 0 ? null : met / count,
  });
  const NONE = stats(0, 0, null, null);
  const consistency = (periods: number, periodsOnTarget: number) => ({ periods, periodsOnTarget, ratio: periods === 0 ? null : periodsOnTarget / periods });
  const setConsistency = (period: 'day' | 'week', min: string) =>
    ds.query(`UPDATE workspaces SET consistency_period = $2, consistency_min_attainment = $3 WHERE id = $1`, [ws, period, min]);
  const MARCH_2_TO_4 = { from: '2026-03-02', to: '2026-03-05' };

  it('groups by local day: 23:30 UTC lands on the next day, from is inclusive and to exclusive', async () => {
    const r = await report({ ...MARCH_2_TO_4, groupBy: 'day' });
    expect({ from: r.from, to: r.to, groupBy: r.groupBy, timezone: r.timezone, consistency: r.consistency }).toEqual({
      from: '2026-03-01T23:00:00.000Z', // local midnight of 2 March (UTC+1)
      to: '2026-03-04T23:00:00.000Z', // local midnight of 5 March: a13 (exactly then) is out, a12 (1 ms before) in; b0 (1 s before from) out
      groupBy: 'day',
      timezone: 'Europe/Rome',
      consistency: { period: 'day', minAttainment: 0.75 },
    });
    expect(r.rows).toEqual<SlaReportRow[]>([
      {
        key: '2026-03-02',
        label: '2026-03-02',
        conversations: 4, // K1 (a1, a5, a6), K2, K3, K4
        // a1 100 m, a2 300 m, a3 900 b, a4 200 m; sorted 100 200 300 900, n=4: p50 rank ceil(2)=2 → 200, p90 rank ceil(3.6)=4 → 900
        firstResponse: { count: 4, p50Seconds: 200, p90Seconds: 900, met: 3, breached: 1, attainment: 0.75 },
        nextResponse: { count: 1, p50Seconds: 50, p90Seconds: 50, met: 1, breached: 0, attainment: 1 },
        resolution: { count: 1, p50Seconds: 4000, p90Seconds: 4000, met: 1, breached: 0, attainment: 1 },
        // one day, attainment 3/4 = 0.75 = minAttainment exactly: on target
        consistency: { periods: 1, periodsOnTarget: 1, ratio: 1 },
      },
      {
        key: '2026-03-03',
        label: '2026-03-03',
        conversations: 4, // K5, K6, K7, K8
        // a7 60 m, a8 null b, a9 1200 b, a10 400 m: count 4, met 2; a8 has no seconds: sorted 60 400 1200, n=3:
        // p50 rank ceil(1.5)=2 → 400, p90 rank ceil(2.7)=3 → 1200
        firstResponse: { count: 4, p50Seconds: 400, p90Seconds: 1200, met: 2, breached: 2, attainment: 0.5 },
        nextResponse: NONE,
        resolution: NONE,
        consistency: { periods: 1, periodsOnTarget: 0, ratio: 0 }, // 0.5 < 0.75
      },
      {
        key: '2026-03-04',
        label: '2026-03-04',
        conversations: 2, // K9, K10
        // a11 500 m, a12 700 m: n=2, p50 rank 1 → 500, p90 rank ceil(1.8)=2 → 700
        firstResponse: { count: 2, p50Seconds: 500, p90Seconds: 700, met: 2, breached: 0, attainment: 1 },
        nextResponse: NONE,
        resolution: NONE,
        consistency: { periods: 1, periodsOnTarget: 1, ratio: 1 },
      },
    ]);
    expect(Object.keys(r.definitions)).toEqual(
      expect.arrayContaining(['range', 'conversations', 'count', 'met', 'breached', 'attainment', 'businessSeconds', 'p50Seconds', 'p90Seconds', 'consistency']),
    );
  });

  it('groups by role: names alphabetically, no role last; seconds-less breaches count but are no percentile', async () => {
    const r = await report({ ...MARCH_2_TO_4, groupBy: 'role' });
    expect(r.rows.map((row) => [row.key, row.label])).toEqual([
      [ids.Billing, 'Billing'],
      [ids.Care, 'Care'],
      [null, 'No role'],
    ]);
    // Billing: a4 200 m (2 Mar), a10 400 m (3 Mar). n=2: p50 rank 1 → 200, p90 rank 2 → 400. Days 2 and 3 both 1/1.
    expect(r.rows[0]).toMatchObject({ conversations: 2, firstResponse: stats(2, 2, 200, 400), nextResponse: NONE, resolution: NONE, consistency: consistency(2, 2) });
    // Care: a1 100 m, a2 300 m, a3 900 b, a7 60 m, a8 null b, a11 500 m, a12 700 m: count 7, met 5.
    // With seconds: 60 100 300 500 700 900, n=6: p50 rank ceil(3)=3 → 300, p90 rank ceil(5.4)=6 → 900.
    // Days: 2 Mar a1 m a2 m a3 b = 2/3 < 0.75 off; 3 Mar a7 m a8 b = 1/2 off; 4 Mar a11 a12 = 2/2 on → 1 of 3.
    expect(r.rows[1]).toEqual({
      key: ids.Care,
      label: 'Care',
      conversations: 7, // K1 K2 K3 K5 K6 K9 K10
      firstResponse: { count: 7, p50Seconds: 300, p90Seconds: 900, met: 5, breached: 2, attainment: 5 / 7 },
      nextResponse: stats(1, 1, 50, 50),
      resolution: stats(1, 1, 4000, 4000),
      consistency: { periods: 3, periodsOnTarget: 1, ratio: 1 / 3 },
    });
    // No role: a9 1200 b.
    expect(r.rows[2]).toMatchObject({ conversations: 1, firstResponse: stats(1, 0, 1200, 1200), consistency: consistency(1, 0) });
    expect(r.rows[2]!.firstResponse.attainment).toBe(0);
  });

  it('groups by agent, unassigned last', async () => {
    const r = await report({ ...MARCH_2_TO_4, groupBy: 'agent' });
    expect(r.rows.map((row) => [row.key, row.label])).toEqual([
      [ids.Ada, 'Ada'],
      [ids.Bruno, 'Bruno'],
      [null, 'Unassigned'],
    ]);
    // Ada: F a1 100, a2 300, a7 60, a11 500, all met: sorted 60 100 300 500, p50 rank 2 → 100, p90 rank 4 → 500.
    // N a5 50, R a6 4000. Days 2, 3, 4 all on target.
    expect(r.rows[0]).toMatchObject({
      conversations: 4, // K1 K2 K5 K9
      firstResponse: stats(4, 4, 100, 500),
      nextResponse: stats(1, 1, 50, 50),
      resolution: stats(1, 1, 4000, 4000),
      consistency: consistency(3, 3),
    });
    // Bruno: a3 900 b, a4 200 m, a10 400 m, a12 700 m: sorted 200 400 700 900, p50 rank 2 → 400, p90 rank 4 → 900;
    // attainment 3/4. Days: 2 Mar a3 b a4 m = 0.5 off; 3 Mar a10 on; 4 Mar a12 on → 2 of 3.
    expect(r.rows[1]).toMatchObject({ conversations: 4, firstResponse: stats(4, 3, 400, 900), consistency: consistency(3, 2) });
    expect(r.rows[1]!.firstResponse.attainment).toBe(0.75);
    // Unassigned: a8 null b, a9 1200 b (both 3 Mar): percentiles over the one with seconds.
    expect(r.rows[2]).toMatchObject({ conversations: 2, firstResponse: stats(2, 0, 1200, 1200), consistency: consistency(1, 0) });
  });

  it('groups by channel', async () => {
    const r = await report({ ...MARCH_2_TO_4, groupBy: 'channel' });
    expect(r.rows.map((row) => [row.key, row.label])).toEqual([
      [ids.FB, 'Facebook page'],
      [ids.IG, 'Instagram'],
    ]);
    // Facebook: F a1 100 m, a2 300 m, a7 60 m, a8 null b, a11 500 m: count 5, met 4, attainment 0.8;
    // seconds 60 100 300 500: p50 rank 2 → 100, p90 rank 4 → 500. Days: 2 Mar 2/2 on, 3 Mar 1/2 off, 4 Mar 1/1 on.
    expect(r.rows[0]).toMatchObject({
      conversations: 5, // K1 K2 K5 K6 K9
      firstResponse: stats(5, 4, 100, 500),
      nextResponse: stats(1, 1, 50, 50),
      resolution: stats(1, 1, 4000, 4000),
      consistency: consistency(3, 2),
    });
    // Instagram: a3 900 b, a4 200 m, a9 1200 b, a10 400 m, a12 700 m: sorted 200 400 700 900 1200, n=5 (odd):
    // p50 rank ceil(2.5)=3 → 700, p90 rank ceil(4.5)=5 → 1200; attainment 3/5. Days: 1/2 off, 1/2 off, 1/1 on.
    expect(r.rows[1]).toMatchObject({ conversations: 5, firstResponse: stats(5, 3, 700, 1200), consistency: consistency(3, 1) });
  });

  it('groups by local hour, as numbers in order', async () => {
    const r = await report({ ...MARCH_2_TO_4, groupBy: 'hour' });
    // Local hours: a1 0, a7 0 (00:30), a8 9, a2 10, a9 10, a3 11, a10 11, a11 11, a4 12, a5 13, a6 14, a12 23.
    expect(r.rows.map((row) => row.key)).toEqual([0, 9, 10, 11, 12, 13, 14, 23]);
    expect(r.rows.map((row) => row.label)).toEqual(['0', '9', '10', '11', '12', '13', '14', '23']);
    const hour = (h: number) => r.rows.find((row) => row.key === h)!;
    // 0: a1 100 m (2 Mar), a7 60 m (3 Mar): p50 rank 1 → 60, p90 rank 2 → 100; two days, both on.
    expect(hour(0)).toMatchObject({ conversations: 2, firstResponse: stats(2, 2, 60, 100), consistency: consistency(2, 2) });
    // 10: a2 300 m (2 Mar), a9 1200 b (3 Mar): 1/2; days: on, off.
    expect(hour(10)).toMatchObject({ conversations: 2, firstResponse: stats(2, 1, 300, 1200), consistency: consistency(2, 1) });
    // 11: a3 900 b, a10 400 m, a11 500 m: sorted 400 500 900, p50 rank 2 → 500, p90 rank 3 → 900; days off, on, on.
    expect(hour(11)).toMatchObject({ conversations: 3, firstResponse: stats(3, 2, 500, 900), consistency: consistency(3, 2) });
    // 13: only a5, a next response: no first-response period at all.
    expect(hour(13)).toMatchObject({ firstResponse: NONE, nextResponse: stats(1, 1, 50, 50), consistency: { periods: 0, periodsOnTarget: 0, ratio: null } });
  });

  it('reads a DST day as 23 local hours, and keeps a deleted role under its id', async () => {
    const days = await report({ from: '2026-03-29', to: '2026-03-30', groupBy: 'day' });
    expect({ from: days.from, to: days.to }).toEqual({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-29T22:00:00.000Z' });
    // d1..d4 (d5 is 30 March's midnight): seconds 10 20 30 40, met 3 (d3 breached); p50 rank 2 → 20, p90 rank 4 → 40.
    expect(days.rows).toEqual([expect.objectContaining({ key: '2026-03-29', conversations: 4, firstResponse: stats(4, 3, 20, 40), consistency: consistency(1, 1) })]);
    const hours = await report({ from: '2026-03-29', to: '2026-03-30', groupBy: 'hour' });
    // 02:00 does not exist that night: 00:00 (+1), 01:59:59 (+1), 03:00 (+2), 23:59:59 (+2).
    expect(hours.rows.map((row) => [row.key, row.firstResponse.count])).toEqual([
      [0, 1],
      [1, 1],
      [3, 1],
      [23, 1],
    ]);
    const roles = await report({ from: '2026-03-29', to: '2026-03-31', groupBy: 'role' });
    expect(roles.rows.map((row) => [row.key, row.label, row.firstResponse.count])).toEqual([[ids.gone, 'Deleted role', 5]]);
  });

  it('takes instants as bounds: from inclusive, to exclusive, offsets honoured', async () => {
    // [10:00Z 2 Mar, 08:00Z 3 Mar): a3 (exactly from) a4 a5 a6 on 2 Mar local, a7 on 3 Mar local; a2 before, a8 (exactly to) after.
    const r = await report({ from: '2026-03-02T10:00:00Z', to: '2026-03-03T09:00:00+01:00', groupBy: 'day' });
    expect({ from: r.from, to: r.to }).toEqual({ from: '2026-03-02T10:00:00.000Z', to: '2026-03-03T08:00:00.000Z' });
    expect(r.rows.map((row) => [row.key, row.firstResponse.count, row.nextResponse.count, row.resolution.count])).toEqual([
      ['2026-03-02', 2, 1, 1],
      ['2026-03-03', 1, 0, 0],
    ]);
    // Without bounds: today (4 March, clock at 13:00 local) and the 6 days before, local midnights.
    const recent = await report({});
    expect({ from: recent.from, to: recent.to, groupBy: recent.groupBy }).toEqual({ from: '2026-02-25T23:00:00.000Z', to: '2026-03-04T23:00:00.000Z', groupBy: 'day' });
    // b0 (1 March, local 23:59:59) now falls on 1 March.
    expect(recent.rows.map((row) => row.key)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04']);
  });

  it('measures consistency per ISO week on the local calendar, a minimum met exactly counting as on target', async () => {
    await setConsistency('week', '0.5');
    try {
      const r = await report({ from: '2026-03-02', to: '2026-03-16', groupBy: 'role' });
      expect(r.consistency).toEqual({ period: 'week', minAttainment: 0.5 });
      expect(r.rows.map((row) => row.label)).toEqual(['Billing', 'Care', 'No role']);
      // Billing, week of Monday 2 March: a4 m, a10 m, a16 b, a17 b = 2/4 = 0.5 = minimum: on target.
      // Seconds 200 400 800 850: p50 rank 2 → 400, p90 rank 4 → 850.
      expect(r.rows[0]).toMatchObject({ conversations: 4, firstResponse: stats(4, 2, 400, 850), consistency: consistency(1, 1) });
      // Care, week of 2 March (to Sunday 8 March 23:59 local): a1 m a2 m a3 b a7 m a8 b a11 m a12 m a13 m a14 b = 6/9 on;
      // week of 9 March: a15 (Monday 00:30 local, still Sunday in UTC) m, a19 b = 1/2 = 0.5: on. Read in UTC, or with
      // weeks from Sunday, a14 or a15 would change week and one week would miss the target.
      // Conversations K1 K2 K3 K5 K6 K9 K10 K11 K12 K13 K17. Count 11, met 7; seconds 10 30 60 100 300 500 700 900 1000 (a8, a19 have none), n=9:
      // p50 rank ceil(4.5)=5 → 300, p90 rank ceil(8.1)=9 → 1000.
      expect(r.rows[1]).toMatchObject({ conversations: 11, firstResponse: stats(11, 7, 300, 1000), consistency: consistency(2, 2) });
      // No role: a9 b in week 10.
      expect(r.rows[2]).toMatchObject({ firstResponse: stats(1, 0, 1200, 1200), consistency: consistency(1, 0) });

      // A minimum just above 0.5 takes Billing's week and Care's second week off target.
      await setConsistency('week', '0.51');
      const stricter = await report({ from: '2026-03-02', to: '2026-03-16', groupBy: 'role' });
      expect(stricter.rows.map((row) => row.consistency)).toEqual([consistency(1, 0), consistency(2, 1), consistency(1, 0)]);
    } finally {
      await setConsistency('day', '0.75');
    }
  });

  it('takes the nearest rank, never an interpolation: ten times give p50 at rank 5 and p90 at rank 9', async () => {
    // 10 April, 09:00-09:10 UTC (11:0x local): 10, 20, ... 100 seconds, and an eleventh breach without seconds.
    for (let i = 1; i <= 11; i++) {
      const [{ id: conv }] = await ds.query(
        `INSERT INTO conversations (workspace_id, channel_id, channel_type, kind, thread_key, email_token, last_message_at)
         VALUES ($1, $2, 'api', 'message', $3, $3, now()) RETURNING id`,
        [ws, ids.IG, `P${i}`],
      );
      await ds.query(
        `INSERT INTO sla_outcomes (workspace_id, conversation_id, cycle, round, target, channel_id, started_at, target_seconds, met, business_seconds)
         VALUES ($1, $2, 1, 0, 'first_response', $3, $4, 60, $5, $6)`,
        [ws, conv, ids.IG, new Date(Date.UTC(2026, 3, 10, 9, i)), i <= 6, i <= 10 ? i * 10 : null],
      );
    }
    const r = await report({ from: '2026-04-10', to: '2026-04-11', groupBy: 'channel' });
    // n = 10 with seconds: p50 rank ceil(5) = 5 → 50 (an interpolation would say 55), p90 rank ceil(9) = 9 → 90 (not 91, not 100).
    // Count 11, met 6 (the first six), breached 5 (four late, one still running).
    expect(r.rows).toEqual([expect.objectContaining({ label: 'Instagram', conversations: 11, firstResponse: stats(11, 6, 50, 90) })]);
  });

  it("never counts another workspace's outcomes, and shows that workspace only its own", async () => {
    // The foreign outcome carries Care's and Ada's ids on 2 March: every expectation above already excludes it.
    const mine = await report({ ...MARCH_2_TO_4, groupBy: 'agent' });
    expect(mine.rows.reduce((n, row) => n + row.firstResponse.count, 0)).toBe(10); // a1 a2 a3 a4 a7 a8 a9 a10 a11 a12
    const theirs = await report({ from: '2026-03-01', to: '2026-03-31', groupBy: 'role' }, other);
    expect(theirs.timezone).toBe('UTC');
    // The role id is Care's, but Care is not a role of that workspace: its name never leaks.
    expect(theirs.rows).toEqual([expect.objectContaining({ key: ids.Care, label: 'Deleted role', conversations: 1, firstResponse: stats(1, 1, 1, 1) })]);
    const channels = await report({ from: '2026-03-01', to: '2026-03-31', groupBy: 'channel' }, other);
    expect(channels.rows.map((row) => row.label)).toEqual(['Other channel']);
  });
});
