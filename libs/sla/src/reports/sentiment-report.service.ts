import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, DomainException } from '@app/common';
import { rows } from '@app/db';
import { offsetSegments } from './local-offsets';
import { byLabel } from './report-order';
import { boundForFilename, parseReportQuery, type ReportQuery } from './report-range';
import { readReport } from './report-transaction';
import { sentimentReportFilename } from './sentiment-report.csv';
import { NO_ROLE_KEY, SENTIMENT_REPORT_GROUPS, sentimentReportSql, type SentimentReportSqlRow } from './sentiment-report.sql';
import type { SentimentCounts, SentimentReport, SentimentReportRow } from './sentiment-report.view';
import { SlaReportRepository } from './sla-report.repository';

/**
 * The share of sentiments among the conversations created in a range, by local day, role or channel. The range,
 * the time zone and the local days are the SLA report's (parseReportQuery, the same offsets); who may read it is
 * the controller's business.
 */
@Injectable()
export class SentimentReportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reports: SlaReportRepository,
    private readonly clock: Clock,
  ) {}

  async report(workspaceId: string, query: ReportQuery): Promise<SentimentReport> {
    const settings = await this.reports.settings(this.db, workspaceId);
    if (!settings) throw new DomainException('WORKSPACE_NOT_FOUND', 'Workspace not found');
    const { from, to, groupBy } = parseReportQuery(query, settings.timezone, this.clock.now(), SENTIMENT_REPORT_GROUPS);
    const sql = sentimentReportSql(groupBy, offsetSegments(settings.timezone, from, to));
    const found = await readReport(this.db, (m) => rows<SentimentReportSqlRow>(m, sql, [workspaceId, from, to]));
    const list = found.map(toRow);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      groupBy,
      timezone: settings.timezone,
      // Days come in order from SQL; roles and channels by name, the no-role row last.
      rows: groupBy === 'day' ? list : byLabel(list, (r) => r.key === NO_ROLE_KEY),
      totals: totalOf(list),
    };
  }

  /** The CSV attachment's file name: bounds as local dates where they are local midnights, else compact UTC instants. */
  filename(report: SentimentReport): string {
    return sentimentReportFilename(boundForFilename(report.timezone, report.from), boundForFilename(report.timezone, report.to));
  }
}

function toRow(r: SentimentReportSqlRow): SentimentReportRow {
  const counts = { conversations: r.conversations, negative: r.negative, neutral: r.neutral, positive: r.positive, unknown: r.unknown };
  return r.label === null ? { key: r.key, ...counts } : { key: r.key, label: r.label, ...counts };
}

/** Every conversation is in exactly one row, so the rows add up to the range's totals. */
function totalOf(list: SentimentCounts[]): SentimentCounts {
  const totals: SentimentCounts = { conversations: 0, negative: 0, neutral: 0, positive: 0, unknown: 0 };
  for (const r of list) for (const k of Object.keys(totals) as Array<keyof SentimentCounts>) totals[k] += r[k];
  return totals;
}
