import type { SlaReportPeriod, SlaReportGroup } from './sla-report.sql';

/** One target's outcomes in a row of the report. */
export interface SlaTargetStats {
  count: number;
  /** Nearest-rank percentiles of business seconds over the outcomes that have them; null when none has. */
  p50Seconds: number | null;
  p90Seconds: number | null;
  met: number;
  breached: number;
  /** met / (met + breached), 0–1; null when there is no outcome. */
  attainment: number | null;
}

export interface SlaConsistency {
  periods: number;
  periodsOnTarget: number;
  /** periodsOnTarget / periods; null when there is no period. */
  ratio: number | null;
}

export interface SlaReportRow {
  /** Role, user or channel id (null: no role / unassigned), the local date `YYYY-MM-DD`, or the local hour 0–23. */
  key: string | number | null;
  label: string;
  conversations: number;
  firstResponse: SlaTargetStats;
  nextResponse: SlaTargetStats;
  resolution: SlaTargetStats;
  consistency: SlaConsistency;
}

export interface SlaReport {
  from: string;
  to: string;
  groupBy: SlaReportGroup;
  timezone: string;
  consistency: { period: SlaReportPeriod; minAttainment: number };
  rows: SlaReportRow[];
  definitions: Record<string, string>;
}
