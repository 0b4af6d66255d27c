import { SLA_REPORT_CSV_HEADER, slaReportCsv } from './sla-report.csv';
import type { SlaReport, SlaReportRow } from './sla-report.view';

const none = { count: 0, p50Seconds: null, p90Seconds: null, met: 0, breached: 0, attainment: null };
const row = (key: SlaReportRow['key'], label: string): SlaReportRow => ({
  key,
  label,
  conversations: 3,
  firstResponse: { count: 3, p50Seconds: 60, p90Seconds: 600, met: 2, breached: 1, attainment: 2 / 3 },
  nextResponse: none,
  resolution: none,
  consistency: { periods: 2, periodsOnTarget: 1, ratio: 0.5 },
});
const csv = (rows: SlaReportRow[]) =>
  slaReportCsv({ from: '', to: '', groupBy: 'role', timezone: 'UTC', consistency: { period: 'day', minAttainment: 0.9 }, rows, definitions: {} } satisfies SlaReport);

describe('SLA report CSV', () => {
  it('has one column per number, CRLF line ends and a final line end', () => {
    const text = csv([row(7, 'x')]);
    expect(SLA_REPORT_CSV_HEADER).toHaveLength(24);
    expect(text.split('\r\n')).toEqual([SLA_REPORT_CSV_HEADER.join(','), `7,x,3,3,60,600,2,1,${2 / 3},0,,,0,0,,0,,,0,0,,2,1,0.5`, '']);
  });

  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    const lines = csv([row(null, 'a,b'), row('k', 'say "hi"'), row('k', 'two\nlines'), row('k', '=1+1'), row('k', '+x'), row('k', '-x'), row('k', '@x'), row('k', '\tx'), row('k', 'ok=1')])
      .split('\r\n')
      .slice(1, -1)
      .map((l) => l.split(',3,3,')[0]);
    expect(lines).toEqual([',"a,b"', 'k,"say ""hi"""', 'k,"two\nlines"', "k,'=1+1", "k,'+x", "k,'-x", "k,'@x", "k,'\tx", 'k,ok=1']);
  });
});
