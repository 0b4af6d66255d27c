import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequireAccess, type AuthUser } from '@app/identity';
import { ConversationsService } from '@app/inbox';
import { HeldRepliesQuery, HeldReplyListDto } from './reply-policy.dto';

/** The approval queue: replies of the whole workspace waiting for a lead. */
@ApiTags('reply policy')
@ApiBearerAuth()
@Controller('api/replies')
export class HeldRepliesController {
  constructor(private readonly conversations: ConversationsService) {}

  @Get('held')
  @RequireAccess('lead')
  @ApiOkResponse({ type: HeldReplyListDto, description: 'lead, admin. Approve or reject each with POST /api/conversations/:id/replies/:messageId/approve|reject' })
  async list(@CurrentUser() me: AuthUser, @Query() q: HeldRepliesQuery): Promise<HeldReplyListDto> {
    return { items: await this.conversations.heldReplies(me, q.limit ?? 100) };
  }
}
