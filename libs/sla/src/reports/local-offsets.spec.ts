import { instantOfWall, offsetSegments, wallMs } from './local-offsets';
import { slaReportSql } from './sla-report.sql';

const seg = (tz: string, from: string, to: string) =>
  offsetSegments(tz, new Date(from), new Date(to)).map((s) => [s.from.toISOString(), s.offsetSeconds]);

describe('local offsets', () => {
  it("cuts a range where the zone's offset changes, to the second", () => {
    expect(seg('Europe/Rome', '2024-12-31T23:00:00Z', '2025-12-31T23:00:00Z')).toEqual([
      ['2024-12-31T23:00:00.000Z', 3600],
      ['2025-03-30T01:00:00.000Z', 7200],
      ['2025-10-26T01:00:00.000Z', 3600],
    ]);
    // Lord Howe moves by half an hour; Kathmandu never moves, at +05:45; UTC is one segment.
    expect(seg('Australia/Lord_Howe', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toEqual([
      ['2026-01-01T00:00:00.000Z', 39600],
      ['2026-04-04T15:00:00.000Z', 37800],
      ['2026-10-03T15:30:00.000Z', 39600],
    ]);
    expect(seg('Asia/Kathmandu', '2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z')).toEqual([['2026-01-01T00:00:00.000Z', 20700]]);
    expect(seg('UTC', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z')).toEqual([['2026-01-01T00:00:00.000Z', 0]]);
  });

  it('keeps a change at the very end out and one at the very start in', () => {
    expect(seg('Europe/Rome', '2026-03-29T00:59:59.500Z', '2026-03-29T01:00:00Z')).toEqual([['2026-03-29T00:59:59.500Z', 3600]]);
    expect(seg('Europe/Rome', '2026-03-29T01:00:00Z', '2026-03-29T01:00:00.500Z')).toEqual([['2026-03-29T01:00:00.000Z', 7200]]);
  });

  it('reads and inverts the wall clock', () => {
    const at = Date.parse('2026-07-01T10:15:30.250Z');
    expect(new Date(wallMs('Europe/Rome', at)).toISOString()).toBe('2026-07-01T12:15:30.250Z');
    expect(instantOfWall('Europe/Rome', wallMs('Europe/Rome', at)).getTime()).toBe(at);
  });

  it('puts the offsets into the statement as a CASE over the segments, and needs at least one', () => {
    const sql = slaReportSql('day', 'week', offsetSegments('Europe/Rome', new Date('2026-03-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z')));
    expect(sql).toContain(`CASE WHEN started_at < '2026-03-29T01:00:00.000Z'::timestamptz THEN 3600 ELSE 7200 END`);
    expect(slaReportSql('role', 'day', [{ from: new Date(0), offsetSeconds: 0 }])).toContain(`(floor(date_part('epoch', started_at))::bigint + 0)`);
    expect(() => slaReportSql('role', 'day', [])).toThrow(RangeError);
  });
});
