import { SENTIMENT_REPORT_CSV_HEADER, sentimentReportCsv, sentimentReportFilename } from './sentiment-report.csv';
import type { SentimentReport, SentimentReportRow } from './sentiment-report.view';

const counts = { conversations: 4, negative: 1, neutral: 1, positive: 1, unknown: 1 };
const csv = (rows: SentimentReportRow[]) =>
  sentimentReportCsv({ from: '', to: '', groupBy: 'role', timezone: 'UTC', rows, totals: counts } satisfies SentimentReport);

describe('sentiment report CSV', () => {
  it('writes one line per row, the label empty by day, no totals line', () => {
    expect(SENTIMENT_REPORT_CSV_HEADER).toEqual(['key', 'label', 'conversations', 'negative', 'neutral', 'positive', 'unknown']);
    expect(csv([{ key: '2026-03-02', ...counts }, { key: 'none', label: 'No role', ...counts, unknown: 0, conversations: 3 }]).split('\r\n')).toEqual([
      'key,label,conversations,negative,neutral,positive,unknown',
      '2026-03-02,,4,1,1,1,1',
      'none,No role,3,1,1,1,0',
      '',
    ]);
  });

  it('quotes and defuses names as the SLA report does', () => {
    const lines = csv([{ key: 'r', label: '=SUM(A1)', ...counts }, { key: 'c', label: 'Care, "VIP"', ...counts }]).split('\r\n');
    expect(lines.slice(1, 3)).toEqual(["r,'=SUM(A1),4,1,1,1,1", 'c,"Care, ""VIP""",4,1,1,1,1']);
    expect(sentimentReportFilename('2026-03-02', '20260305T000000Z')).toBe('sentiment-report-2026-03-02-20260305T000000Z.csv');
  });
});
