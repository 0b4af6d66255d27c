import { Injectable } from '@nestjs/common';
import { rows, type Queryable } from '@app/db';
import { offsetSegments } from './local-offsets';
import { slaReportSql, type SlaReportPeriod, type SlaReportGroup, type SlaReportSqlRow } from './sla-report.sql';

/** What a report needs of its workspace. */
export interface ReportSettings {
  timezone: string;
  period: SlaReportPeriod;
  /** As stored (numeric text, e.g. "0.9"), so the threshold is compared exactly in SQL. */
  minAttainment: string;
}

/** Reads sla_outcomes (never messages or clocks) and the names of what the rows are keyed by. */
@Injectable()
export class SlaReportRepository {
  async settings(db: Queryable, workspaceId: string): Promise<ReportSettings | null> {
    const [row] = await rows<{ timezone: string; consistency_period: SlaReportPeriod; consistency_min_attainment: string }>(
      db,
      `SELECT timezone, consistency_period, consistency_min_attainment::text AS consistency_min_attainment FROM workspaces WHERE id = $1`,
      [workspaceId],
    );
    return row ? { timezone: row.timezone, period: row.consistency_period, minAttainment: row.consistency_min_attainment } : null;
  }

  /** The report's rows, in their order: one statement (see slaReportSql), local times read on the zone's offsets over the range. */
  async rows(db: Queryable, workspaceId: string, from: Date, to: Date, groupBy: SlaReportGroup, settings: ReportSettings): Promise<SlaReportSqlRow[]> {
    const sql = slaReportSql(groupBy, settings.period, offsetSegments(settings.timezone, from, to));
    return rows<SlaReportSqlRow>(db, sql, [workspaceId, from, to, settings.minAttainment]);
  }
}
