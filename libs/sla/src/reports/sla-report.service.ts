import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, DomainException } from '@app/common';
import { byLabel } from './report-order';
import { boundForFilename, parseReportQuery, type ReportQuery } from './report-range';
import { readReport } from './report-transaction';
import { slaReportFilename } from './sla-report.csv';
import { SLA_REPORT_DEFINITIONS } from './sla-report.definitions';
import { SlaReportRepository } from './sla-report.repository';
import type { SlaReportSqlRow } from './sla-report.sql';
import type { SlaReport, SlaReportRow, SlaTargetStats } from './sla-report.view';

/**
 * The SLA report: timeliness and consistency per role, agent, channel, local day or local hour, read from
 * sla_outcomes only. Who may read it is the controller's business.
 */
@Injectable()
export class SlaReportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reports: SlaReportRepository,
    private readonly clock: Clock,
  ) {}

  async report(workspaceId: string, query: ReportQuery): Promise<SlaReport> {
    const settings = await this.reports.settings(this.db, workspaceId);
    if (!settings) throw new DomainException('WORKSPACE_NOT_FOUND', 'Workspace not found');
    const { from, to, groupBy } = parseReportQuery(query, settings.timezone, this.clock.now());
    const found = await readReport(this.db, (m) => this.reports.rows(m, workspaceId, from, to, groupBy, settings));
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      groupBy,
      timezone: settings.timezone,
      consistency: { period: settings.period, minAttainment: Number(settings.minAttainment) },
      rows: byName(found.map((r) => toRow(r, groupBy === 'hour')), groupBy),
      definitions: SLA_REPORT_DEFINITIONS,
    };
  }

  /** The CSV attachment's file name: bounds as local dates where they are local midnights, else compact UTC instants. */
  filename(report: SlaReport): string {
    return slaReportFilename(boundForFilename(report.timezone, report.from), boundForFilename(report.timezone, report.to));
  }
}

/** Days and hours come in key order from SQL; roles, agents and channels by name, the no-role / unassigned row last. */
function byName(rows: SlaReportRow[], groupBy: SlaReport['groupBy']): SlaReportRow[] {
  return groupBy === 'day' || groupBy === 'hour' ? rows : byLabel(rows, (r) => r.key === null);
}

function toRow(r: SlaReportSqlRow, hourKey: boolean): SlaReportRow {
  const periods = r.periods;
  return {
    key: r.key === null ? null : hourKey ? Number(r.key) : r.key,
    label: r.label,
    conversations: r.conversations,
    firstResponse: stats(r.fr_count, r.fr_met, r.fr_pct),
    nextResponse: stats(r.nr_count, r.nr_met, r.nr_pct),
    resolution: stats(r.rs_count, r.rs_met, r.rs_pct),
    consistency: { periods, periodsOnTarget: r.on_target, ratio: periods === 0 ? null : r.on_target / periods },
  };
}

function stats(count: number, met: number, percentiles: number[] | null): SlaTargetStats {
  return {
    count,
    p50Seconds: percentiles?.[0] ?? null,
    p90Seconds: percentiles?.[1] ?? null,
    met,
    breached: count - met,
    attainment: count === 0 ? null : met / count,
  };
}
