import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireAccess, type AuthUser, CurrentUser } from '@app/identity';
import { RolesService } from '@app/routing';
import { uuidPipe } from '../boot/uuid.pipe';
import { CreateRoleDto, RoleDto, RoleListDto, SetRoleMembersDto, UpdateRoleDto } from './role.dto';

/** Task-force roles: every member reads them (agents see which roles they are in); leads and admins edit them. */
@ApiTags('roles')
@ApiBearerAuth()
@Controller('api/roles')
export class RolesController {
  constructor(private readonly roles: RolesService) {}

  @Post()
  @RequireAccess('lead')
  @ApiCreatedResponse({ type: RoleDto, description: 'lead, admin. 409 ROLE_NAME_TAKEN; 404 ROLE_NOT_FOUND for an unknown escalationRoleId, BUSINESS_HOURS_NOT_FOUND for an unknown businessHoursId' })
  async create(@CurrentUser() me: AuthUser, @Body() body: CreateRoleDto): Promise<RoleDto> {
    return RoleDto.from(await this.roles.create(me.workspaceId, body));
  }

  @Get()
  @ApiOkResponse({ type: RoleListDto, description: 'every role of the workspace, by name, with its members' })
  async list(@CurrentUser() me: AuthUser): Promise<RoleListDto> {
    return { items: (await this.roles.list(me.workspaceId)).map(RoleDto.from) };
  }

  @Get(':id')
  @ApiOkResponse({ type: RoleDto })
  async get(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string): Promise<RoleDto> {
    return RoleDto.from(await this.roles.get(me.workspaceId, id));
  }

  @Patch(':id')
  @RequireAccess('lead')
  @ApiOkResponse({ type: RoleDto, description: 'lead, admin. Fields left out stay; null clears the optional ones; 409 ROLE_NAME_TAKEN' })
  async update(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string, @Body() body: UpdateRoleDto): Promise<RoleDto> {
    return RoleDto.from(await this.roles.update(me.workspaceId, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireAccess('lead')
  @ApiNoContentResponse({ description: 'lead, admin. Its conversations stay, without a role; roles escalating to it stop escalating' })
  async remove(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string): Promise<void> {
    await this.roles.remove(me.workspaceId, id);
  }

  @Put(':id/members')
  @RequireAccess('lead')
  @ApiOkResponse({ type: RoleDto, description: 'lead, admin. Replaces the whole membership; logs role.members.updated when it changed' })
  async setMembers(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string, @Body() body: SetRoleMembersDto): Promise<RoleDto> {
    return RoleDto.from(await this.roles.setMembers(me.workspaceId, id, body.members));
  }
}
