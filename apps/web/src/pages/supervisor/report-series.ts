import { SENTIMENTS, type Sentiment } from '../../api/types';
import { datesOf, type DateRange, type IsoDate, type ReportGroup } from './report-range';

// `GET /api/reports/sla` as CONTRACT.md and the README's "SLA report" describe it.
export interface TargetStats {
  count: number;
  p50Seconds: number | null;
  p90Seconds: number | null;
  met: number;
  breached: number;
  attainment: number | null;
}
export interface ReportRow {
  key: string | number | null;
  label: string;
  conversations: number;
  firstResponse: TargetStats;
  nextResponse: TargetStats;
  resolution: TargetStats;
  consistency: { periods: number; periodsOnTarget: number; ratio: number | null };
}
export interface SlaReport {
  from: string;
  to: string;
  groupBy: ReportGroup;
  timezone: string;
  consistency: { period: 'day' | 'week'; minAttainment: number };
  rows: ReportRow[];
  definitions: Record<string, string>;
}

export interface DayPoint {
  day: IsoDate;
  p50: number | null;
  p90: number | null;
  met: number;
  breached: number;
}

/** First-response times for every day of the range; a day without outcomes is there, empty, so gaps show. */
export function daySeries(rows: ReportRow[], range: DateRange): DayPoint[] {
  const byDay = new Map(rows.map((r) => [String(r.key), r.firstResponse]));
  return datesOf(range).map((day) => {
    const s = byDay.get(day);
    return { day, p50: s?.p50Seconds ?? null, p90: s?.p90Seconds ?? null, met: s?.met ?? 0, breached: s?.breached ?? 0 };
  });
}

export interface HourPoint {
  hour: number;
  conversations: number;
}

/** Conversations by local hour 0–23, every hour present (the spring daylight-saving hour that does not exist is 0). */
export function hourSeries(rows: ReportRow[]): HourPoint[] {
  const byHour = new Map(rows.map((r) => [Number(r.key), r.conversations]));
  return Array.from({ length: 24 }, (_, hour) => ({ hour, conversations: byHour.get(hour) ?? 0 }));
}

export interface AttainmentBar {
  /** Row key as text; '' for the "no role" / "unassigned" row. */
  key: string;
  label: string;
  /** True for the row of outcomes without a role or agent. */
  unnamed: boolean;
  attainment: number | null;
  consistency: number | null;
  met: number;
  breached: number;
  periods: number;
  periodsOnTarget: number;
}

/** First-response attainment and consistency per role, agent or channel, in the report's order. */
export function attainmentBars(rows: ReportRow[]): AttainmentBar[] {
  return rows.map((r) => ({
    key: r.key === null ? '' : String(r.key),
    label: r.label,
    unnamed: r.key === null,
    attainment: r.firstResponse.attainment,
    consistency: r.consistency.ratio,
    met: r.firstResponse.met,
    breached: r.firstResponse.breached,
    periods: r.consistency.periods,
    periodsOnTarget: r.consistency.periodsOnTarget,
  }));
}

export interface Totals {
  outcomes: number;
  met: number;
  breached: number;
  /** met / (met + breached) over the whole range; null without outcomes. */
  attainment: number | null;
}

/**
 * First-response totals over the rows of one grouping. Counts add up across rows; percentiles and distinct
 * conversations do not, so they are not totalled.
 */
export function firstResponseTotals(rows: ReportRow[]): Totals {
  let met = 0;
  let breached = 0;
  for (const r of rows) {
    met += r.firstResponse.met;
    breached += r.firstResponse.breached;
  }
  const outcomes = met + breached;
  return { outcomes, met, breached, attainment: outcomes ? met / outcomes : null };
}

// `GET /api/reports/sentiment`: conversations created in the range, by the sentiment they carry.
export type SentimentGroup = 'day' | 'role' | 'channel';
export interface SentimentCounts {
  conversations: number;
  negative: number;
  neutral: number;
  positive: number;
  unknown: number;
}
export interface SentimentReportRow extends SentimentCounts {
  /** The local date, the role id ('none': no role) or the channel id. */
  key: string;
  /** The role's or channel's name; absent by day. */
  label?: string;
}
export interface SentimentReport {
  from: string;
  to: string;
  groupBy: SentimentGroup;
  timezone: string;
  rows: SentimentReportRow[];
  totals: SentimentCounts;
}

export type SentimentKey = Sentiment | 'unknown';
/** The report's sentiments: the contract's, then conversations not classified yet. */
export const SENTIMENT_KEYS: readonly SentimentKey[] = [...SENTIMENTS, 'unknown'];
/** The key of the report's row of conversations without a role. */
export const NO_ROLE_KEY = 'none';

export interface SentimentSlice {
  sentiment: SentimentKey;
  count: number;
  /** count / conversations, 0–1; 0 when there is no conversation. */
  share: number;
}

/** Each sentiment's share of some conversations (those not classified yet as `unknown`), in SENTIMENT_KEYS order. */
export function sentimentShare(counts: SentimentCounts): SentimentSlice[] {
  const total = counts.conversations;
  return SENTIMENT_KEYS.map((sentiment) => ({ sentiment, count: counts[sentiment], share: total ? counts[sentiment] / total : 0 }));
}

export interface SentimentBar {
  /** The date `YYYY-MM-DD`, or the role's or channel's id ('none': no role). */
  key: string;
  /** The role's or channel's name; null by day (the date is the name) and for the no-role row. */
  label: string | null;
  conversations: number;
  slices: SentimentSlice[];
}

const NO_CONVERSATIONS: SentimentCounts = { conversations: 0, negative: 0, neutral: 0, positive: 0, unknown: 0 };

function barOf(key: string, label: string | null, counts: SentimentCounts): SentimentBar {
  return { key, label, conversations: counts.conversations, slices: sentimentShare(counts) };
}

/** One bar for every day of the range, in order; a day without new conversations is there, empty, so gaps show. */
export function sentimentDays(rows: SentimentReportRow[], range: DateRange): SentimentBar[] {
  const byDay = new Map(rows.map((r) => [r.key, r]));
  return datesOf(range).map((day) => barOf(day, null, byDay.get(day) ?? NO_CONVERSATIONS));
}

/** One bar per role or channel, in the report's order (by name, the no-role row last). */
export function sentimentGroups(rows: SentimentReportRow[]): SentimentBar[] {
  return rows.map((r) => barOf(r.key, r.key === NO_ROLE_KEY ? null : (r.label ?? r.key), r));
}
