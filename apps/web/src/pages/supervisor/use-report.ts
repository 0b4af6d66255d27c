import { query } from '../../api/client';
import { useResource, type Resource } from '../../components/use-resource';
import { rangeProblem, rangeQuery, type DateRange, type ReportGroup, type ReportName } from './report-range';
import type { SlaReport } from './report-series';

/** A report's URL for a range and grouping; null while the range cannot be asked for. */
export function reportPath(range: DateRange | null, groupBy: ReportGroup, report: ReportName = 'sla'): string | null {
  if (!range || rangeProblem(range)) return null;
  return `/api/reports/${report}${query({ ...rangeQuery(range), groupBy })}`;
}

export const useReport = (range: DateRange | null, groupBy: ReportGroup): Resource<SlaReport> => useResource<SlaReport>(reportPath(range, groupBy));

export interface WorkspaceSettings {
  timezone: string;
  consistency: { period: 'day' | 'week'; minAttainment: number };
}
