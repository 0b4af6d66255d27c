// The report's one statement, kept free of imports (types aside) so bench/sla-report.mjs runs exactly this text.
import type { OffsetSegment } from './local-offsets';

export type SlaReportGroup = 'role' | 'agent' | 'channel' | 'day' | 'hour';
export type SlaReportPeriod = 'day' | 'week';

export const SLA_TARGETS = [
  { target: 'first_response', column: 'fr' },
  { target: 'next_response', column: 'nr' },
  { target: 'resolution', column: 'rs' },
] as const;

/**
 * Local wall-clock seconds since 1970-01-01T00:00 (local) of an instant column (the clock's start by default):
 * whole UTC seconds plus the zone's offset over the range, as a CASE over the range's offset segments (computed
 * with Intl, see offsetSegments). Far cheaper than `started_at AT TIME ZONE tz` per row (about a third of the whole
 * statement over a year of outcomes), and read on the same time-zone data as the range's own bounds. The texts
 * inlined are ISO instants, integers and column names made here, never a client's.
 */
export function localSeconds(segments: OffsetSegment[], column = 'started_at'): string {
  if (segments.length === 0) throw new RangeError('slaReportSql needs at least one offset segment');
  const whole = (s: OffsetSegment) => {
    if (!Number.isInteger(s.offsetSeconds)) throw new RangeError(`offset ${s.offsetSeconds} is not whole seconds`);
    return String(s.offsetSeconds);
  };
  const offset =
    segments.length === 1
      ? whole(segments[0]!)
      : `CASE ${segments
          .slice(1)
          .map((s, i) => `WHEN ${column} < '${s.from.toISOString()}'::timestamptz THEN ${whole(segments[i]!)}`)
          .join(' ')} ELSE ${whole(segments[segments.length - 1]!)} END`;
  return `(floor(date_part('epoch', ${column}))::bigint + ${offset})`;
}

/**
 * The grouping key per groupBy: an id (role_id, agent_id, channel_id: the columns of sla_outcomes, and of
 * conversations for role and channel), or an integer (local day number since 1970-01-01, local hour); see bucketOf
 * on the division.
 */
export function keyOf(groupBy: SlaReportGroup, local: string): string {
  switch (groupBy) {
    case 'role':
      return 'role_id';
    case 'agent':
      return 'agent_id';
    case 'channel':
      return 'channel_id';
    case 'day':
      return `(${local} / 86400)::int`;
    case 'hour':
      return `(${local} / 3600 % 24)::int`;
  }
}

/**
 * Consistency buckets on the local calendar: the local day number, or the ISO week (1970-01-01 was a Thursday, so
 * + 3 starts weeks on Monday). Integer division truncates, which is flooring here: local seconds are after 1970.
 */
function bucketOf(period: SlaReportPeriod, local: string): string {
  return period === 'day' ? `(${local} / 86400)::int` : `((${local} / 86400 + 3) / 7)::int`;
}

/** The label of a key, and what it joins: names as they are now; a role deleted since keeps its rows. */
export const GROUP_LABELS: Record<SlaReportGroup, { key: string; label: string; join: string }> = {
  role: { key: 'g.key::text', label: `CASE WHEN g.key IS NULL THEN 'No role' ELSE coalesce(r.name, 'Deleted role') END`, join: `LEFT JOIN roles r ON r.id = g.key AND r.workspace_id = $1` },
  agent: { key: 'g.key::text', label: `CASE WHEN g.key IS NULL THEN 'Unassigned' ELSE coalesce(u.name, 'Unknown user') END`, join: `LEFT JOIN users u ON u.id = g.key` },
  channel: { key: 'g.key::text', label: `coalesce(ch.name, 'Unknown channel')`, join: `LEFT JOIN channels ch ON ch.id = g.key AND ch.workspace_id = $1` },
  day: { key: `to_char(date '1970-01-01' + g.key, 'YYYY-MM-DD')`, label: `to_char(date '1970-01-01' + g.key, 'YYYY-MM-DD')`, join: '' },
  hour: { key: 'g.key::text', label: 'g.key::text', join: '' },
};

/**
 * One statement: the outcomes whose clock started in [$2, $3) of workspace $1 (the report index covers the scan and
 * every column read), grouped by key in one pass. Per target: count, met, and the nearest-rank p50/p90 of business
 * seconds (percentile_disc: the value at rank ceil(p·n), exact for n far beyond a year of outcomes). The same pass
 * keeps each first response's (bucket, met); a bucket is on target when met ≥ $4 · count (exact numeric arithmetic,
 * so an attainment equal to the minimum counts).
 *
 * Parameters: $1 workspace id, $2 from, $3 to (timestamptz), $4 min attainment (numeric text). `segments`: the zone's
 * offsets over [from, to) (offsetSegments).
 */
export function slaReportSql(groupBy: SlaReportGroup, period: SlaReportPeriod, segments: OffsetSegment[]): string {
  const local = localSeconds(segments);
  const perTarget = SLA_TARGETS.map(
    ({ target, column }) => `
      count(*) FILTER (WHERE target = '${target}')::int AS ${column}_count,
      count(*) FILTER (WHERE target = '${target}' AND met)::int AS ${column}_met,
      percentile_disc(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY business_seconds)
        FILTER (WHERE target = '${target}' AND business_seconds IS NOT NULL) AS ${column}_pct`,
  ).join(',');
  const columns = SLA_TARGETS.flatMap(({ column }) => [`g.${column}_count`, `g.${column}_met`, `g.${column}_pct`]).join(', ');
  const { key, label, join } = GROUP_LABELS[groupBy];
  const first = `target = 'first_response'`;
  return `
    SELECT ${key} AS key, ${label} AS label, g.conversations, ${columns}, c.periods, c.on_target
    FROM (
      SELECT ${keyOf(groupBy, local)} AS key, count(DISTINCT conversation_id)::int AS conversations,${perTarget},
        array_agg(${bucketOf(period, local)}) FILTER (WHERE ${first}) AS buckets,
        array_agg(met) FILTER (WHERE ${first}) AS mets
      FROM sla_outcomes
      WHERE workspace_id = $1 AND started_at >= $2 AND started_at < $3
      GROUP BY 1
    ) g
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS periods, count(*) FILTER (WHERE b.met >= $4::numeric * b.n)::int AS on_target
      FROM (SELECT count(*) AS n, count(*) FILTER (WHERE m) AS met FROM unnest(g.buckets, g.mets) AS u(bucket, m) GROUP BY bucket) b
    ) c
    ${join}
    ORDER BY ${groupBy === 'day' || groupBy === 'hour' ? 'g.key' : 'g.key IS NULL, g.key'}`;
}

/** A row of slaReportSql, as node-postgres returns it. */
export interface SlaReportSqlRow {
  key: string | null;
  label: string;
  conversations: number;
  fr_count: number;
  fr_met: number;
  fr_pct: number[] | null;
  nr_count: number;
  nr_met: number;
  nr_pct: number[] | null;
  rs_count: number;
  rs_met: number;
  rs_pct: number[] | null;
  periods: number;
  on_target: number;
}
