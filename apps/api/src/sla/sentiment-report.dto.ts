import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { SENTIMENT_REPORT_GROUPS, type SentimentReportGroup } from '@app/sla';
import { ReportRangeQuery } from './sla-reports.dto';

// from and to as the SLA report reads them (one parser: parseReportQuery); only the groupings differ.
export class SentimentReportQuery extends ReportRangeQuery {
  @ApiPropertyOptional({ enum: SENTIMENT_REPORT_GROUPS, default: 'day', description: 'local day of the workspace time zone, role or channel' })
  @Allow()
  groupBy?: unknown;
}

export class SentimentCountsDto {
  @ApiProperty({ description: 'conversations created in the range (in this row): the sum of the four sentiments' }) conversations!: number;
  @ApiProperty({ description: 'whose sentiment, that of the latest classified customer message, is negative' }) negative!: number;
  @ApiProperty() neutral!: number;
  @ApiProperty() positive!: number;
  @ApiProperty({ description: 'not classified: no customer text yet (an attachment alone, or only business messages)' }) unknown!: number;
}

class SentimentReportRowDto extends SentimentCountsDto {
  @ApiProperty({ example: '2026-03-02', description: "the local date YYYY-MM-DD; the role id ('none': conversations without a role); the channel id" })
  key!: string;
  @ApiPropertyOptional({ example: 'Care team', description: "the role's or channel's current name ('No role' for the none row); absent by day" })
  label?: string;
}

export class SentimentReportDto {
  @ApiProperty({ example: '2026-02-28T23:00:00.000Z', description: 'the range as read: inclusive' }) from!: string;
  @ApiProperty({ example: '2026-03-31T22:00:00.000Z', description: 'exclusive' }) to!: string;
  @ApiProperty({ enum: SENTIMENT_REPORT_GROUPS }) groupBy!: SentimentReportGroup;
  @ApiProperty({ example: 'Europe/Rome', description: 'the workspace time zone days are read in' }) timezone!: string;
  @ApiProperty({ type: [SentimentReportRowDto], description: 'days in order (only days with conversations); roles and channels by name, the none row last' })
  rows!: SentimentReportRowDto[];
  @ApiProperty({ type: SentimentCountsDto, description: 'every conversation created in the range' }) totals!: SentimentCountsDto;
}
