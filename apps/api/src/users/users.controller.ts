import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireAccess, type AuthUser, CurrentUser, UsersService } from '@app/identity';
import { CreateUserDto, UpdateUserDto, UserDto, UserListDto } from './user.dto';
import { uuidPipe } from '../boot/uuid.pipe';

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @RequireAccess('admin')
  @ApiCreatedResponse({ type: UserDto, description: '409 USER_ALREADY_MEMBER when the e-mail is already a member here' })
  async create(@CurrentUser() me: AuthUser, @Body() body: CreateUserDto): Promise<UserDto> {
    return UserDto.from(await this.users.create(me.workspaceId, body));
  }

  @Get()
  @RequireAccess('lead', 'supervisor')
  @ApiOkResponse({ type: UserListDto })
  async list(@CurrentUser() me: AuthUser): Promise<UserListDto> {
    return { items: (await this.users.list(me.workspaceId)).map(UserDto.from) };
  }

  @Get(':id')
  @RequireAccess('lead', 'supervisor')
  @ApiOkResponse({ type: UserDto })
  async get(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string): Promise<UserDto> {
    return UserDto.from(await this.users.get(me.workspaceId, id));
  }

  @Patch(':id')
  @RequireAccess('admin')
  @ApiOkResponse({ type: UserDto, description: '409 LAST_ADMIN when it would leave the workspace without an active admin' })
  async update(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string, @Body() body: UpdateUserDto): Promise<UserDto> {
    return UserDto.from(await this.users.update(me, me.workspaceId, id, body));
  }
}
