import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireAccess, type AuthUser, CurrentUser } from '@app/identity';
import { AssignmentService } from '@app/routing';
import { uuidPipe } from '../boot/uuid.pipe';
import { AssignmentDto, BulkAssignmentDto, BulkAssignmentResultDto } from './assignment.dto';
import { ConversationDto } from './conversation.dto';

/** Who answers a conversation. The routes of ConversationsController stay there; these share its prefix. */
@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/conversations')
export class AssignmentController {
  constructor(private readonly assignment: AssignmentService) {}

  @Post('bulk-assignment')
  @HttpCode(200)
  @RequireAccess('lead')
  @ApiOkResponse({ type: BulkAssignmentResultDto, description: 'lead, admin. One transaction; one conversation.assigned event per changed conversation' })
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
      'lead, admin: any conversation, any role and assignee. An agent may only take an unassigned conversation of one of their roles for ' +
      'themself ({assigneeId: <own id>}); anything else is 403 ASSIGNMENT_NOT_ALLOWED, and one someone else holds is 409 ' +
      'CONVERSATION_ALREADY_ASSIGNED. Concurrent assignments of one conversation apply one after the other. Logs conversation.assigned when it changed',
  })
  assign(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string, @Body() body: AssignmentDto): Promise<ConversationDto> {
    return this.assignment.assign(me, id, body);
  }
}
