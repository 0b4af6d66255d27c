import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireAccess, type AuthUser, CurrentUser } from '@app/identity';
import { AssignmentService } from '@app/routing';
import { uuidPipe } from '../boot/uuid.pipe';
import { AssignmentDto, BulkAssignmentDto, BulkAssignmentResultDto } from './assignment.dto';
import { ConversationDto } from './conversation.dto';
import { IfMatch, setVersionTag } from './if-match';

/** Who answers a conversation. The routes of ConversationsController stay there; these share its prefix. */
@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/conversations')
export class AssignmentController {
  constructor(private readonly assignment: AssignmentService) {}

  @Post('bulk-assignment')
  @HttpCode(200)
  @RequireAccess('lead')
  @ApiOkResponse({
    type: BulkAssignmentResultDto,
    description: 'lead, admin. One transaction; one conversation.assigned event and one history line per changed conversation',
  })
  bulk(@CurrentUser() me: AuthUser, @Body() body: BulkAssignmentDto): Promise<BulkAssignmentResultDto> {
    const { conversationIds, ...request } = body;
    return this.assignment.bulkAssign(me, conversationIds, request);
  }

  @Post(':id/assignment')
  @HttpCode(200)
  @RequireAccess('agent', 'lead')
  @ApiOkResponse({
    type: ConversationDto,
    description:
      'lead, admin: any conversation, any role and assignee, over capacity if they choose. An agent may only take an unassigned ' +
      'conversation of one of their roles for themself ({assigneeId: <own id>}), within their capacity (409 CAPACITY_REACHED); anything ' +
      'else is 403 ASSIGNMENT_NOT_ALLOWED, and one someone else holds is 409 CONVERSATION_ALREADY_ASSIGNED. Concurrent assignments of one ' +
      'conversation apply one after the other; with If-Match, a stale version is 409 VERSION_CONFLICT. Logs conversation.assigned and a ' +
      'history line (assigned, unassigned or reassigned) when it changed. Answers the new version as ETag',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'the version you edited ("3", 3 or W/"3"): 409 VERSION_CONFLICT if it changed since' })
  async assign(
    @CurrentUser() me: AuthUser,
    @Param('id', uuidPipe) id: string,
    @Body() body: AssignmentDto,
    @IfMatch() version: number | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ConversationDto> {
    const conversation = await this.assignment.assign(me, id, body, version);
    setVersionTag(res, conversation.version);
    return conversation;
  }
}
