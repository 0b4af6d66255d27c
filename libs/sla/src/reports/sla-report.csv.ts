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

/**
 * The report's rows as CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes
 * doubled). An empty field is a null. Text that a spreadsheet would run as a formula (starting with = + - @, tab or
 * carriage return) gets a leading apostrophe: a channel or role name is typed by users and must not execute.
 */
export function slaReportCsv(report: SlaReport): string {
  const lines = [SLA_REPORT_CSV_HEADER];
  for (const row of report.rows) {
    lines.push([
      text(row.key),
      text(row.label),
      number(row.conversations),
      ...TARGETS.flatMap(([, field]) => STATS.map((s) => number(row[field][s]))),
      number(row.consistency.periods),
      number(row.consistency.periodsOnTarget),
      number(row.consistency.ratio),
    ]);
  }
  return lines.map((cells) => cells.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** The attachment's name: each bound as its local date when it is a local midnight, else as a compact UTC instant. */
export function slaReportFilename(from: string, to: string): string {
  return `sla-report-${from}-${to}.csv`;
}

function text(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function number(value: number | null): string {
  return value === null ? '' : String(value);
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
