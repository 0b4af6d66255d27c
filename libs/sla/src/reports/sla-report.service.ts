import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, DomainException } from '@app/common';
import { isLocalMidnight, localDate, parseReportQuery, type ReportQuery } from './report-range';
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
    // JIT off for this statement: over a long range its cost estimate crosses PostgreSQL's JIT thresholds, and
    // compiling then costs more than it saves (a year by day: up to 1.9 s of compiling in EXPLAIN; see the JIT line
    // of bench/results/sla-report.md). Read-only: a report never writes.
    const found = await this.db.transaction(async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      await m.query('SET LOCAL jit = off');
      return this.reports.rows(m, workspaceId, from, to, groupBy, settings);
    });
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
    const bound = (iso: string) => {
      const at = new Date(iso);
      return isLocalMidnight(report.timezone, at) ? localDate(report.timezone, at) : iso.replace(/[-:]|\.\d+/g, '');
    };
    return slaReportFilename(bound(report.from), bound(report.to));
  }
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/**
 * Days and hours come in key order from SQL. Roles, agents and channels read alphabetically (case- and
 * accent-insensitively, "Team 2" before "Team 10"), the no-role / unassigned row last, ties by id; sorted here so
 * the order does not depend on the database's collation.
 */
function byName(rows: SlaReportRow[], groupBy: SlaReport['groupBy']): SlaReportRow[] {
  if (groupBy === 'day' || groupBy === 'hour') return rows;
  return rows.sort(
    (a, b) => Number(a.key === null) - Number(b.key === null) || collator.compare(a.label, b.label) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) || String(a.key).localeCompare(String(b.key)),
  );
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
