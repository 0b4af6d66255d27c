import { reportCsv } from './report-csv';
import type { SentimentCounts, SentimentReport } from './sentiment-report.view';

const COUNTS: Array<keyof SentimentCounts> = ['conversations', 'negative', 'neutral', 'positive', 'unknown'];

export const SENTIMENT_REPORT_CSV_HEADER = ['key', 'label', ...COUNTS];

/** The report's rows as CSV, as the SLA report's (reportCsv); the label is empty by day. No totals row. */
export function sentimentReportCsv(report: SentimentReport): string {
  return reportCsv(
    SENTIMENT_REPORT_CSV_HEADER,
    report.rows.map((row) => [row.key, row.label ?? null, ...COUNTS.map((c) => row[c])]),
  );
}

/** The attachment's name, its bounds as boundForFilename writes them. */
export function sentimentReportFilename(from: string, to: string): string {
  return `sentiment-report-${from}-${to}.csv`;
}
