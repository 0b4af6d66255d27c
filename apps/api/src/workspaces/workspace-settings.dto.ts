import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { CONSISTENCY_PERIODS } from '@app/sla';

// Checked as a whole by checkSettings (@app/sla), which names every problem in one answer; @Allow only admits the
// fields past the global whitelist.

class ConsistencyTargetDto {
  @ApiProperty({ enum: CONSISTENCY_PERIODS, description: 'a local day, or a week from Monday, in the workspace\'s time zone' }) period!: string;
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.9, description: 'the least share of first responses of each period that must meet their target' })
  minAttainment!: number;
}

export class UpdateWorkspaceSettingsDto {
  @ApiPropertyOptional({ example: 'Europe/Rome', description: 'IANA time zone of reports (days, hours, date ranges); stored in its canonical spelling' })
  @Allow()
  timezone?: unknown;
  @ApiPropertyOptional({ type: ConsistencyTargetDto, description: 'fields left out stay as they are' }) @Allow() consistency?: unknown;
}

export class WorkspaceSettingsDto {
  @ApiProperty({ example: 'Europe/Rome' }) timezone!: string;
  @ApiProperty({ type: ConsistencyTargetDto, description: 'in every period, at least minAttainment of first responses meet their target' })
  consistency!: ConsistencyTargetDto;
}
