import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthService, type AuthUser, CurrentUser, Public } from '@app/identity';
import { LoginDto, SignedInDto, SwitchWorkspaceDto } from './auth.dto';
import { LocalAuthGuard } from './local-auth.guard';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({
    type: SignedInDto,
    description: '401 INVALID_CREDENTIALS (unknown e-mail or wrong password alike), 429 LOGIN_THROTTLED with Retry-After',
  })
  login(@CurrentUser() user: AuthUser): SignedInDto {
    return SignedInDto.from(this.auth.sign(user));
  }

  @Post('switch')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOkResponse({ type: SignedInDto, description: '404 WORKSPACE_NOT_FOUND when you are not an active member of it' })
  async switch(@CurrentUser() user: AuthUser, @Body() body: SwitchWorkspaceDto): Promise<SignedInDto> {
    return SignedInDto.from(await this.auth.switchWorkspace(user, body.workspaceId));
  }
}
