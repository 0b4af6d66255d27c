import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { BOARD_DEFAULT_LIMIT, BOARD_MAX_LIMIT } from '@app/sla';
import { ConversationDto } from '../conversations/conversation.dto';

export class SlaBoardQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: BOARD_MAX_LIMIT, default: BOARD_DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(BOARD_MAX_LIMIT)
  limit?: number;
}

export class SlaBoardItemDto {
  @ApiProperty({ type: ConversationDto }) conversation!: ConversationDto;
  @ApiProperty({ enum: ['first_response', 'next_response', 'resolution'] }) target!: string;
  @ApiProperty({ description: 'when this clock breaches (or breached)' }) dueAt!: string;
  @ApiProperty({ description: "whole seconds until dueAt by the desk's clock, rounded down; negative once breached" }) remainingSeconds!: number;
}

export class SlaBoardDto {
  @ApiProperty({ type: [SlaBoardItemDto] }) items!: SlaBoardItemDto[];
}
