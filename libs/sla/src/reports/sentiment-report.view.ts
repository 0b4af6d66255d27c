import type { SentimentReportGroup } from './sentiment-report.sql';

/** Conversations by the sentiment they carry; `unknown`: not classified (no text from the customer yet). */
export interface SentimentCounts {
  conversations: number;
  negative: number;
  neutral: number;
  positive: number;
  unknown: number;
}

export interface SentimentReportRow extends SentimentCounts {
  /** The local date `YYYY-MM-DD`, the role id ('none': no role) or the channel id. */
  key: string;
  /** The role's or channel's name; absent by day. */
  label?: string;
}

export interface SentimentReport {
  from: string;
  to: string;
  groupBy: SentimentReportGroup;
  timezone: string;
  rows: SentimentReportRow[];
  totals: SentimentCounts;
}
