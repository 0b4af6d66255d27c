import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequireAccess, type AuthUser } from '@app/identity';
import { ReplyPolicyService } from '@app/voice';
import { ReplyPolicyBodyDto, ReplyPolicyDto } from './reply-policy.dto';

/** The workspace's reply policy: every member reads it (the reply box explains itself); leads and admins set it. */
@ApiTags('reply policy')
@ApiBearerAuth()
@Controller('api/reply-policy')
export class ReplyPolicyController {
  constructor(private readonly policy: ReplyPolicyService) {}

  @Get()
  @ApiOkResponse({ type: ReplyPolicyDto })
  get(@CurrentUser() me: AuthUser): Promise<ReplyPolicyDto> {
    return this.policy.get(me.workspaceId);
  }

  @Put()
  @RequireAccess('lead')
  @ApiOkResponse({ type: ReplyPolicyDto, description: 'lead, admin. Replaces the whole policy (lists left out become empty); applies to replies written from now on. 400 lists every problem' })
  replace(@CurrentUser() me: AuthUser, @Body() body: ReplyPolicyBodyDto): Promise<ReplyPolicyDto> {
    return this.policy.replace(me, { ...body });
  }
}
