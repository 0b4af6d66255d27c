import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ACCESS_LEVELS, type Access, type AuthUser, CurrentUser, MembershipRepository } from '@app/identity';
import { AuthUserDto } from '../auth/auth.dto';

class MembershipDto {
  @ApiProperty({ format: 'uuid' }) workspaceId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ACCESS_LEVELS }) access!: Access;
}

class MeDto extends AuthUserDto {
  @ApiProperty({ type: [MembershipDto] }) memberships!: MembershipDto[];
}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/me')
export class MeController {
  constructor(private readonly memberships: MembershipRepository) {}

  @Get()
  @ApiOkResponse({ type: MeDto, description: 'the caller, in the workspace of the token, with every active membership' })
  async me(@CurrentUser() user: AuthUser): Promise<MeDto> {
    const all = await this.memberships.listForUser(user.id);
    return {
      ...AuthUserDto.from(user),
      memberships: all.filter((m) => m.active).map(({ workspaceId, name, access }) => ({ workspaceId, name, access })),
    };
  }
}
