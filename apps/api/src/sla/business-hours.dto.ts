import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';

// The body is checked as a whole by checkBusinessHours (@app/sla), which names every problem in one answer,
// overlaps between intervals included; @Allow only admits the fields past the global whitelist.

class WeeklyIntervalDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: '1 is Monday, 7 is Sunday' }) day!: number;
  @ApiProperty({ example: '09:00', description: 'HH:MM, 00:00 to 23:59' }) from!: string;
  @ApiProperty({
    example: '18:00',
    description: 'HH:MM, up to 24:00 (the end of the day). Before `from`: the interval runs past midnight into the next day (Sunday into Monday). Equal to `from`: refused',
  })
  to!: string;
}

const WEEKLY_DOC = 'several intervals per day are allowed; they may touch but not overlap (also across midnight); at least one, at most 100';
const HOLIDAYS_DOC = 'local dates in the calendar\'s time zone on which it is closed all day; returned without duplicates, in order';

export class CreateBusinessHoursDto {
  @ApiProperty({ example: 'Office hours Italy', maxLength: 100 }) @Allow() name!: unknown;
  @ApiProperty({ example: 'Europe/Rome', description: 'an IANA time zone; stored in its canonical spelling' }) @Allow() timezone!: unknown;
  @ApiProperty({ type: [WeeklyIntervalDto], description: WEEKLY_DOC }) @Allow() weekly!: unknown;
  @ApiPropertyOptional({ type: [String], example: ['2026-12-25'], description: HOLIDAYS_DOC }) @Allow() holidays?: unknown;
}

export class UpdateBusinessHoursDto {
  @ApiPropertyOptional({ maxLength: 100 }) @Allow() name?: unknown;
  @ApiPropertyOptional({ example: 'Europe/Rome' }) @Allow() timezone?: unknown;
  @ApiPropertyOptional({ type: [WeeklyIntervalDto], description: `replaces all intervals; ${WEEKLY_DOC}` }) @Allow() weekly?: unknown;
  @ApiPropertyOptional({ type: [String], description: `replaces all holidays; ${HOLIDAYS_DOC}` }) @Allow() holidays?: unknown;
}

export class BusinessHoursDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'Europe/Rome' }) timezone!: string;
  @ApiProperty({ type: [WeeklyIntervalDto], description: 'by day, then start' }) weekly!: WeeklyIntervalDto[];
  @ApiProperty({ type: [String] }) holidays!: string[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class BusinessHoursListDto {
  @ApiProperty({ type: [BusinessHoursDto] }) items!: BusinessHoursDto[];
}
