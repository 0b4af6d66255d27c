// The sentiment report's one statement. The local day, the grouping key and the names are the SLA report's own
// (sla-report.sql.ts), read here on conversations.created_at instead of an outcome's start.
import type { OffsetSegment } from './local-offsets';
import { GROUP_LABELS, keyOf, localSeconds } from './sla-report.sql';

export const SENTIMENT_REPORT_GROUPS = ['day', 'role', 'channel'] as const;
export type SentimentReportGroup = (typeof SENTIMENT_REPORT_GROUPS)[number];

/** What the classifier writes to conversations.sentiment; anything else (null: nothing classified yet) is unknown. */
export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;

/** The key of the row of conversations without a role. */
export const NO_ROLE_KEY = 'none';

/**
 * One statement: the conversations of workspace $1 created in [$2, $3), grouped by local day, role or channel in one
 * pass, counted by the sentiment they carry now (that of their latest classified customer message). Days come in
 * order; roles and channels by id (the service sorts them by name). The no-role row's key is 'none'.
 *
 * Parameters: $1 workspace id, $2 from, $3 to (timestamptz). `segments`: the zone's offsets over [from, to).
 */
export function sentimentReportSql(groupBy: SentimentReportGroup, segments: OffsetSegment[]): string {
  const local = localSeconds(segments, 'created_at');
  const { key, label, join } = GROUP_LABELS[groupBy];
  const known = SENTIMENTS.map((s) => `'${s}'`).join(', ');
  const counts = SENTIMENTS.map((s) => `count(*) FILTER (WHERE sentiment = '${s}')::int AS ${s}`).join(', ');
  return `
    SELECT ${groupBy === 'role' ? `coalesce(${key}, '${NO_ROLE_KEY}')` : key} AS key, ${groupBy === 'day' ? 'NULL' : label} AS label,
      g.conversations, g.negative, g.neutral, g.positive, g.unknown
    FROM (
      SELECT ${keyOf(groupBy, local)} AS key, count(*)::int AS conversations, ${counts},
        count(*) FILTER (WHERE sentiment IS NULL OR sentiment NOT IN (${known}))::int AS unknown
      FROM conversations
      WHERE workspace_id = $1 AND created_at >= $2 AND created_at < $3
      GROUP BY 1
    ) g
    ${join}
    ORDER BY ${groupBy === 'day' ? 'g.key' : 'g.key IS NULL, g.key'}`;
}

/** A row of sentimentReportSql, as node-postgres returns it. */
export interface SentimentReportSqlRow {
  key: string;
  /** Null by day. */
  label: string | null;
  conversations: number;
  negative: number;
  neutral: number;
  positive: number;
  unknown: number;
}
