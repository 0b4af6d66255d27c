import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { RequireAccess, type AuthUser, CurrentUser } from '@app/identity';
import { ConversationQueryService, ConversationsService, scopeOf } from '@app/inbox';
import { uuidPipe } from '../boot/uuid.pipe';
import { IfMatch, setVersionTag } from './if-match';
import { RejectReplyDto, ReplyCheckDto } from '../voice/reply-policy.dto';
import { ConversationDetailDto, ConversationDto, ConversationListDto, ListConversationsQuery, MessageDto, PriorityDto, StatusDto, TagsDto, TextDto } from './conversation.dto';

const IF_MATCH_DOC = 'the version you edited ("3", 3 or W/"3", as the ETag and `version` give it): 409 VERSION_CONFLICT if it changed since';

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
  @ApiOkResponse({ type: ConversationDetailDto, description: 'with its messages, replies and notes, oldest first. ETag: its version, for If-Match' })
  async get(
    @CurrentUser() me: AuthUser,
    @Param('id', uuidPipe) id: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ConversationDetailDto> {
    const detail = await this.query.detail(scopeOf(me), id);
    setVersionTag(res, detail.version);
    // The version covers what If-Match guards (status, assignment, tags...), not the messages: it must never let
    // Express answer 304 to a client whose copy lacks newer messages.
    delete req.headers['if-none-match'];
    res.setHeader('Cache-Control', 'no-store');
    return detail;
  }

  @Post(':id/replies')
  @RequireAccess('agent', 'lead')
  @ApiCreatedResponse({
    type: MessageDto,
    description:
      'queued, then delivered through the platform with retries. The reply policy applies: a public reply (comment, mention) with a block term is ' +
      '422 REPLY_BLOCKED and nothing is stored; a reply on an approval topic is stored `held` with `hold.reason` and sent only once a lead ' +
      "approves it (leads' and admins' own replies are not held); warning terms are listed in `policyWarnings`. 409 CHANNEL_DELETED",
  })
  reply(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string, @Body() body: TextDto): Promise<MessageDto> {
    return this.conversations.reply(me, id, body.text);
  }

  @Post(':id/replies/check')
  @HttpCode(200)
  @RequireAccess('agent', 'lead')
  @ApiOkResponse({ type: ReplyCheckDto, description: 'what the reply policy would do with this text as your reply here; nothing is stored or sent' })
  checkReply(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string, @Body() body: TextDto): Promise<ReplyCheckDto> {
    return this.conversations.checkReply(me, id, body.text);
  }

  @Post(':id/replies/:messageId/approve')
  @HttpCode(200)
  @RequireAccess('lead')
  @ApiOkResponse({
    type: MessageDto,
    description: 'lead, admin. The held reply is queued and sent (once, even if approved twice at the same time). 409 REPLY_NOT_HELD; 422 REPLY_BLOCKED when a block term was added since',
  })
  approveReply(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string, @Param('messageId', uuidPipe) messageId: string): Promise<MessageDto> {
    return this.conversations.approveReply(me, id, messageId);
  }

  @Post(':id/replies/:messageId/reject')
  @HttpCode(200)
  @RequireAccess('lead')
  @ApiOkResponse({ type: MessageDto, description: 'lead, admin. The held reply becomes `rejected` and is never sent; the reason is kept as hold.decisionNote. 409 REPLY_NOT_HELD' })
  rejectReply(
    @CurrentUser() me: AuthUser,
    @Param('id', uuidPipe) id: string,
    @Param('messageId', uuidPipe) messageId: string,
    @Body() body: RejectReplyDto,
  ): Promise<MessageDto> {
    return this.conversations.rejectReply(me, id, messageId, body.reason ? body.reason : null);
  }

  @Post(':id/notes')
  @ApiCreatedResponse({ type: MessageDto, description: 'internal: never sent to the customer' })
  note(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string, @Body() body: TextDto): Promise<MessageDto> {
    return this.conversations.note(me, id, body.text);
  }

  @Post(':id/status')
  @HttpCode(200)
  @RequireAccess('agent', 'lead')
  @ApiOkResponse({
    type: ConversationDto,
    description: 'a new inbound message reopens a resolved, pending or snoozed conversation. With If-Match, a stale version is 409 VERSION_CONFLICT',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: IF_MATCH_DOC })
  async status(
    @CurrentUser() me: AuthUser,
    @Param('id', uuidPipe) id: string,
    @Body() body: StatusDto,
    @IfMatch() version: number | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ConversationDto> {
    const change = body.status === 'snoozed' ? { status: body.status, snoozeUntil: new Date(body.snoozeUntil!) } : { status: body.status };
    const conversation = await this.conversations.setStatus(me, id, change, version);
    setVersionTag(res, conversation.version);
    return conversation;
  }

  @Put(':id/tags')
  @RequireAccess('agent', 'lead')
  @ApiOkResponse({ type: ConversationDto, description: 'With If-Match, a stale version is 409 VERSION_CONFLICT' })
  @ApiHeader({ name: 'If-Match', required: false, description: IF_MATCH_DOC })
  async tags(
    @CurrentUser() me: AuthUser,
    @Param('id', uuidPipe) id: string,
    @Body() body: TagsDto,
    @IfMatch() version: number | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ConversationDto> {
    const conversation = await this.conversations.setTags(me, id, body.tags, version);
    setVersionTag(res, conversation.version);
    return conversation;
  }

  @Post(':id/priority')
  @HttpCode(200)
  @RequireAccess('agent', 'lead')
  @ApiOkResponse({
    type: ConversationDto,
    description: "Overrides the map's priority (low, normal, high, urgent): it orders the role's queue. With If-Match, a stale version is 409 VERSION_CONFLICT",
  })
  @ApiHeader({ name: 'If-Match', required: false, description: IF_MATCH_DOC })
  async priority(
    @CurrentUser() me: AuthUser,
    @Param('id', uuidPipe) id: string,
    @Body() body: PriorityDto,
    @IfMatch() version: number | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ConversationDto> {
    const conversation = await this.conversations.setPriority(me, id, body.priority, version);
    setVersionTag(res, conversation.version);
    return conversation;
  }
}
