import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequireAccess, type AuthUser } from '@app/identity';
import { WorkspaceSettingsService } from '@app/sla';
import { UpdateWorkspaceSettingsDto, WorkspaceSettingsDto } from './workspace-settings.dto';

/** The workspace's time zone and consistency target: every member reads them; supervisors and admins change them. */
@ApiTags('workspaces')
@ApiBearerAuth()
@Controller('api/workspace/settings')
export class WorkspaceSettingsController {
  constructor(private readonly settings: WorkspaceSettingsService) {}

  @Get()
  @ApiOkResponse({ type: WorkspaceSettingsDto })
  get(@CurrentUser() me: AuthUser): Promise<WorkspaceSettingsDto> {
    return this.settings.get(me.workspaceId);
  }

  @Put()
  @RequireAccess('supervisor')
  @ApiOkResponse({
    type: WorkspaceSettingsDto,
    description: 'supervisor, admin. Fields left out stay as they are. 400 VALIDATION_FAILED lists every problem (unknown time zone, period not day or week, minAttainment outside 0-1, unknown keys)',
  })
  update(@CurrentUser() me: AuthUser, @Body() body: UpdateWorkspaceSettingsDto): Promise<WorkspaceSettingsDto> {
    return this.settings.update(me.workspaceId, body);
  }
}
