import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, IsTimeZone, MaxLength, MinLength } from 'class-validator';
import { RequireAccess, type AuthUser, CurrentUser, WorkspacesService } from '@app/identity';
import type { WorkspaceEntity } from '@app/identity';

class CreateWorkspaceDto {
  @ApiProperty({ example: 'Brand Italia' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @ApiProperty({ example: 'Europe/Rome', description: 'IANA time zone: reports and business hours use it' })
  @IsTimeZone({ message: 'timezone must be an IANA time zone such as Europe/Rome' })
  timezone!: string;
}

class WorkspaceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() timezone!: string;

  static from(w: WorkspaceEntity): WorkspaceDto {
    return { id: w.id, name: w.name, timezone: w.timezone };
  }
}

@ApiTags('workspaces')
@ApiBearerAuth()
@Controller('api')
export class WorkspacesController {
  constructor(private readonly workspaces: WorkspacesService) {}

  @Post('workspaces')
  @RequireAccess('admin')
  @ApiCreatedResponse({ type: WorkspaceDto, description: 'a new isolated workspace whose creator is its admin' })
  async create(@CurrentUser() me: AuthUser, @Body() body: CreateWorkspaceDto): Promise<WorkspaceDto> {
    return WorkspaceDto.from(await this.workspaces.create(me, body));
  }

  @Get('workspace')
  @ApiOkResponse({ type: WorkspaceDto, description: 'the workspace the token acts in' })
  async current(@CurrentUser() me: AuthUser): Promise<WorkspaceDto> {
    return WorkspaceDto.from(await this.workspaces.get(me.workspaceId));
  }
}
