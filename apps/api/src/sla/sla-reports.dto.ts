import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';

// The query is read as a whole by parseReportQuery (@app/sla), which names every problem in one answer;
// @Allow only admits the parameters past the global whitelist (any other parameter is 400 VALIDATION_FAILED).
/** The range every report reads (the SLA and the sentiment report alike). */
export class ReportRangeQuery {
  @ApiPropertyOptional({
    example: '2026-03-01',
    description: 'inclusive: a date YYYY-MM-DD (its local midnight in the workspace time zone) or an ISO 8601 instant with Z or an offset. Default: 7 local days before `to`',
  })
  @Allow()
  from?: unknown;
  @ApiPropertyOptional({
    example: '2026-04-01',
    description: 'exclusive, as `from`; at most 400 days after it. Default: the end of today (the next local midnight)',
  })
  @Allow()
  to?: unknown;
}

export class SlaReportQuery extends ReportRangeQuery {
  @ApiPropertyOptional({ enum: ['role', 'agent', 'channel', 'day', 'hour'], default: 'day' })
  @Allow()
  groupBy?: unknown;
}

class SlaTargetStatsDto {
  @ApiProperty({ description: 'met + breached outcomes of this target' }) count!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'nearest-rank median of business seconds' }) p50Seconds!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'nearest-rank 90th percentile of business seconds' }) p90Seconds!: number | null;
  @ApiProperty() met!: number;
  @ApiProperty({ description: 'includes clocks still running past their due instant' }) breached!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'met / (met + breached), 0-1' }) attainment!: number | null;
}

class SlaConsistencyDto {
  @ApiProperty({ description: 'consistency periods (local days or ISO weeks) with at least one first-response outcome' }) periods!: number;
  @ApiProperty({ description: 'periods whose first-response attainment is at least minAttainment' }) periodsOnTarget!: number;
  @ApiProperty({ type: Number, nullable: true }) ratio!: number | null;
}

class SlaReportRowDto {
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'integer' }],
    nullable: true,
    description: 'role, user or channel id (null: no role / unassigned); the local date YYYY-MM-DD; the local hour 0-23',
  })
  key!: string | number | null;
  @ApiProperty({ example: 'Care team' }) label!: string;
  @ApiProperty() conversations!: number;
  @ApiProperty({ type: SlaTargetStatsDto }) firstResponse!: SlaTargetStatsDto;
  @ApiProperty({ type: SlaTargetStatsDto }) nextResponse!: SlaTargetStatsDto;
  @ApiProperty({ type: SlaTargetStatsDto }) resolution!: SlaTargetStatsDto;
  @ApiProperty({ type: SlaConsistencyDto }) consistency!: SlaConsistencyDto;
}

class SlaReportConsistencyDto {
  @ApiProperty({ enum: ['day', 'week'] }) period!: 'day' | 'week';
  @ApiProperty({ example: 0.9 }) minAttainment!: number;
}

export class SlaReportDto {
  @ApiProperty({ example: '2026-02-28T23:00:00.000Z', description: 'the range as read: inclusive' }) from!: string;
  @ApiProperty({ example: '2026-03-31T22:00:00.000Z', description: 'exclusive' }) to!: string;
  @ApiProperty({ enum: ['role', 'agent', 'channel', 'day', 'hour'] }) groupBy!: 'role' | 'agent' | 'channel' | 'day' | 'hour';
  @ApiProperty({ example: 'Europe/Rome', description: 'the workspace time zone dates and hours are read in' }) timezone!: string;
  @ApiProperty({ type: SlaReportConsistencyDto, description: "the workspace's consistency target" }) consistency!: SlaReportConsistencyDto;
  @ApiProperty({ type: [SlaReportRowDto] }) rows!: SlaReportRowDto[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'every metric in plain words' })
  definitions!: Record<string, string>;
}
