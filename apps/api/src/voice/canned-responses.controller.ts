import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequireAccess, type AuthUser } from '@app/identity';
import { ConversationQueryService, scopeOf } from '@app/inbox';
import { CannedResponsesService } from '@app/voice';
import { uuidPipe } from '../boot/uuid.pipe';
import {
  CannedResponseDto,
  CannedResponseListDto,
  CreateCannedResponseDto,
  ListCannedResponsesQuery,
  RenderCannedResponseDto,
  RenderedCannedResponseDto,
  UpdateCannedResponseDto,
} from './canned-response.dto';

/**
 * Canned responses: leads and admins write them for the workspace or one role; agents read the workspace-wide
 * ones and their roles' (another role's answers 404); supervisors read all.
 */
@ApiTags('canned responses')
@ApiBearerAuth()
@Controller('api/canned-responses')
export class CannedResponsesController {
  constructor(
    private readonly canned: CannedResponsesService,
    private readonly conversations: ConversationQueryService,
  ) {}

  @Get()
  @ApiOkResponse({ type: CannedResponseListDto, description: "an agent's list holds the workspace-wide responses and their roles'" })
  async list(@CurrentUser() me: AuthUser, @Query() q: ListCannedResponsesQuery): Promise<CannedResponseListDto> {
    return { items: await this.canned.list(me, q) };
  }

  @Post()
  @RequireAccess('lead')
  @ApiCreatedResponse({ type: CannedResponseDto, description: 'lead, admin. 409 CANNED_SHORTCUT_TAKEN; 404 ROLE_NOT_FOUND; 400 naming unknown placeholders' })
  create(@CurrentUser() me: AuthUser, @Body() body: CreateCannedResponseDto): Promise<CannedResponseDto> {
    return this.canned.create(me, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: CannedResponseDto, description: '404 CANNED_RESPONSE_NOT_FOUND, also for another role\'s response read by an agent' })
  get(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string): Promise<CannedResponseDto> {
    return this.canned.get(me, id);
  }

  @Patch(':id')
  @RequireAccess('lead')
  @ApiOkResponse({ type: CannedResponseDto, description: 'lead, admin. Fields left out stay' })
  update(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string, @Body() body: UpdateCannedResponseDto): Promise<CannedResponseDto> {
    return this.canned.update(me, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireAccess('lead')
  @ApiNoContentResponse({ description: 'lead, admin' })
  async remove(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string): Promise<void> {
    await this.canned.remove(me, id);
  }

  @Post(':id/render')
  @HttpCode(200)
  @ApiOkResponse({
    type: RenderedCannedResponseDto,
    description:
      "the text for a reply in this conversation: the contact's name (falling back to their username), the signed-in agent's, the channel's and the workspace's filled in; nothing is sent",
  })
  async render(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string, @Body() body: RenderCannedResponseDto): Promise<RenderedCannedResponseDto> {
    const conversation = body.conversationId ? await this.conversations.get(scopeOf(me), body.conversationId) : null;
    return this.canned.render(me, id, conversation);
  }
}
