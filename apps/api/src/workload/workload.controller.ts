import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequireAccess, type AuthUser } from '@app/identity';
import { WorkloadService, type MemberLoad, type RoleQueue } from '@app/routing';

class WorkloadDto {
  @ApiProperty({ description: '{userId, name, access, presence, open, roles:[{roleId, name, capacity, open}]} per active member who answers customers' })
  members!: MemberLoad[];
  @ApiProperty({ description: '{roleId, name, assignment, waiting, urgent, high, oldestWaitingSince, online} per role' })
  queues!: RoleQueue[];
}

@ApiTags('roles')
@ApiBearerAuth()
@Controller('api/workload')
export class WorkloadController {
  constructor(private readonly workload: WorkloadService) {}

  @Get()
  @RequireAccess('lead', 'supervisor')
  @ApiOkResponse({ type: WorkloadDto, description: "lead, supervisor, admin: each member's open conversations against capacity and presence, and each role's queue" })
  overview(@CurrentUser() me: AuthUser): Promise<WorkloadDto> {
    return this.workload.overview(me.workspaceId);
  }
}
