import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequireAccess, type AuthUser, CurrentUser } from '@app/identity';
import { ConversationQueryService, ConversationsService, scopeOf } from '@app/inbox';
import { uuidPipe } from '../boot/uuid.pipe';
import { ConversationDetailDto, ConversationDto, ConversationListDto, ListConversationsQuery, MessageDto, StatusDto, TagsDto, TextDto } from './conversation.dto';

@ApiTags('conversations')
@ApiBearerAuth()
@Controller('api/conversations')
export class ConversationsController {
  constructor(
    private readonly query: ConversationQueryService,
    private readonly conversations: ConversationsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: ConversationListDto, description: 'newest activity first; keyset pages that stay stable while messages arrive' })
  list(@CurrentUser() me: AuthUser, @Query() q: ListConversationsQuery): Promise<ConversationListDto> {
    return this.query.list(scopeOf(me), { ...q, limit: q.limit ?? 25 });
  }

  @Get(':id')
  @ApiOkResponse({ type: ConversationDetailDto, description: 'with its messages, replies and notes, oldest first' })
  get(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string): Promise<ConversationDetailDto> {
    return this.query.detail(scopeOf(me), id);
  }

  @Post(':id/replies')
  @RequireAccess('agent', 'lead')
  @ApiCreatedResponse({ type: MessageDto, description: 'queued; delivered through the platform with retries. 409 CHANNEL_DELETED' })
  reply(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string, @Body() body: TextDto): Promise<MessageDto> {
    return this.conversations.reply(me, id, body.text);
  }

  @Post(':id/notes')
  @ApiCreatedResponse({ type: MessageDto, description: 'internal: never sent to the customer' })
  note(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string, @Body() body: TextDto): Promise<MessageDto> {
    return this.conversations.note(me, id, body.text);
  }

  @Post(':id/status')
  @HttpCode(200)
  @RequireAccess('agent', 'lead')
  @ApiOkResponse({ type: ConversationDto, description: 'a new inbound message reopens a resolved, pending or snoozed conversation' })
  status(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string, @Body() body: StatusDto): Promise<ConversationDto> {
    const change = body.status === 'snoozed' ? { status: body.status, snoozeUntil: new Date(body.snoozeUntil!) } : { status: body.status };
    return this.conversations.setStatus(me, id, change);
  }

  @Put(':id/tags')
  @RequireAccess('agent', 'lead')
  @ApiOkResponse({ type: ConversationDto })
  tags(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string, @Body() body: TagsDto): Promise<ConversationDto> {
    return this.conversations.setTags(me, id, body.tags);
  }
}
