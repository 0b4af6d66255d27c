import { Controller, Get, Param, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequireAccess, type AuthUser } from '@app/identity';
import { WorkloadService, type MemberLoad, type RoleQueue } from '@app/routing';
import { uuidPipe } from '../boot/uuid.pipe';
import { ConversationDto } from '../conversations/conversation.dto';

class WorkloadDto {
  @ApiProperty({ description: '{userId, name, access, presence, open, roles:[{roleId, name, capacity, open}]} per active member who answers customers' })
  members!: MemberLoad[];
  @ApiProperty({ description: '{roleId, name, assignment, waiting, urgent, high, oldestWaitingSince, online} per role' })
  queues!: RoleQueue[];
}

class QueueQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

class QueueDto {
  @ApiProperty({ type: [ConversationDto] }) items!: ConversationDto[];
}

@ApiTags('roles')
@ApiBearerAuth()
@Controller('api')
export class WorkloadController {
  constructor(private readonly workload: WorkloadService) {}

  @Get('roles/:id/queue')
  @ApiOkResponse({
    type: QueueDto,
    description:
      "The role's unassigned open conversations in the order automatic assignment hands them out: most urgent, then longest waiting . Agents read their own roles' queues; another role is 404 ROLE_NOT_FOUND.",
  })
  async queue(
    @CurrentUser() me: AuthUser,
    @Param('id', uuidPipe) id: string,
    @Query() q: QueueQuery,
  ): Promise<QueueDto> {
    return { items: await this.workload.queue(me, id, q.limit ?? 100) };
  }

  @Get('workload')
  @RequireAccess('lead', 'supervisor')
  @ApiOkResponse({ type: WorkloadDto, description: "lead, supervisor, admin: each member's open conversations against capacity and presence, and each role's queue" })
  overview(@CurrentUser() me: AuthUser): Promise<WorkloadDto> {
    return this.workload.overview(me.workspaceId);
  }
}
