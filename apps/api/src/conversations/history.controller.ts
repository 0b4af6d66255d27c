import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { type AuthUser, CurrentUser } from '@app/identity';
import { ConversationHistoryService } from '@app/routing';
import { uuidPipe } from '../boot/uuid.pipe';

class HistoryActorDto {
  @ApiProperty({ enum: ['system', 'user'] }) type!: 'system' | 'user';
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the user; null for the system' }) id!: string | null;
  @ApiProperty({ nullable: true, type: String, description: "the user's name, or the system part: responsibility map, auto-assignment, presence, escalation" })
  name!: string | null;
}

class HistoryStateDto {
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) roleId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) assigneeId!: string | null;
}

class HistoryItemDto {
  @ApiProperty({
    description:
      'routed (the map gave it a role), assigned (a person got it, automatically or by hand), unassigned (a lead sent it back to the queue), ' +
      'reassigned (a lead moved it to another role), returned (its assignee went offline), escalated (the acceptance timer ran out), and SLA events',
  })
  type!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ type: HistoryActorDto }) actor!: HistoryActorDto;
  @ApiProperty({ nullable: true, type: String }) reason!: string | null;
  @ApiProperty({ type: HistoryStateDto, nullable: true }) from!: HistoryStateDto | null;
  @ApiProperty({ type: HistoryStateDto, nullable: true }) to!: HistoryStateDto | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'routing lines: the rule that decided (null: the default role)' }) rule?: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'routing lines: the map version in force' }) mapVersion?: number | null;
}

export class HistoryDto {
  @ApiProperty({ type: [HistoryItemDto] }) items!: HistoryItemDto[];
}

/** Who moved a conversation, when, why and by which rule. Shares the conversations prefix. */
@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/conversations')
export class HistoryController {
  constructor(private readonly history: ConversationHistoryService) {}

  @Get(':id/history')
  @ApiOkResponse({ type: HistoryDto, description: 'oldest first; whoever may read the conversation may read its history (404 otherwise)' })
  list(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string): Promise<HistoryDto> {
    return this.history.list(me, id);
  }
}
