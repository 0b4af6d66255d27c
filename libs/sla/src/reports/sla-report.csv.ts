import { reportCsv } from './report-csv';
import type { SlaReport, SlaTargetStats } from './sla-report.view';

const TARGETS = [
  ['first_response', 'firstResponse'],
  ['next_response', 'nextResponse'],
  ['resolution', 'resolution'],
] as const;
const STATS: Array<keyof SlaTargetStats> = ['count', 'p50Seconds', 'p90Seconds', 'met', 'breached', 'attainment'];
const STAT_COLUMNS: Record<keyof SlaTargetStats, string> = {
  count: 'count',
  p50Seconds: 'p50_seconds',
  p90Seconds: 'p90_seconds',
  met: 'met',
  breached: 'breached',
  attainment: 'attainment',
};

export const SLA_REPORT_CSV_HEADER = [
  'key',
  'label',
  'conversations',
  ...TARGETS.flatMap(([prefix]) => STATS.map((s) => `${prefix}_${STAT_COLUMNS[s]}`)),
  'consistency_periods',
  'consistency_periods_on_target',
  'consistency_ratio',
];

/** The report's rows as CSV (see reportCsv: RFC 4180, formulas defused, an empty field a null). */
export function slaReportCsv(report: SlaReport): string {
  return reportCsv(
    SLA_REPORT_CSV_HEADER,
    report.rows.map((row) => [
      row.key,
      row.label,
      row.conversations,
      ...TARGETS.flatMap(([, field]) => STATS.map((s) => row[field][s])),
      row.consistency.periods,
      row.consistency.periodsOnTarget,
      row.consistency.ratio,
    ]),
  );
}

/** The attachment's name: each bound as its local date when it is a local midnight, else as a compact UTC instant. */
export function slaReportFilename(from: string, to: string): string {
  return `sla-report-${from}-${to}.csv`;
}
