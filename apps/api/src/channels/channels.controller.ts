import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ChannelsService } from '@app/channels';
import { RequireAccess, type AuthUser, CurrentUser } from '@app/identity';
import { ChannelEventsService } from '@app/inbox';
import { uuidPipe } from '../boot/uuid.pipe';
import {
  ChannelDto,
  ChannelEventDto,
  ChannelEventListDto,
  ChannelEventsQuery,
  ChannelListDto,
  CreateChannelDto,
  ReplayResultDto,
  UpdateChannelDto,
} from './channel.dto';

@ApiTags('channels')
@ApiBearerAuth()
@Controller('api/channels')
export class ChannelsController {
  constructor(
    private readonly channels: ChannelsService,
    private readonly events: ChannelEventsService,
  ) {}

  @Post()
  @RequireAccess('admin')
  @ApiCreatedResponse({ type: ChannelDto, description: 'VALIDATION_FAILED names every missing or unknown config key' })
  create(@CurrentUser() me: AuthUser, @Body() body: CreateChannelDto): Promise<ChannelDto> {
    return this.channels.create(me.workspaceId, body);
  }

  @Get()
  @ApiOkResponse({ type: ChannelListDto })
  async list(@CurrentUser() me: AuthUser): Promise<ChannelListDto> {
    return { items: await this.channels.list(me.workspaceId) };
  }

  @Get(':id')
  @ApiOkResponse({ type: ChannelDto })
  get(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string): Promise<ChannelDto> {
    return this.channels.get(me.workspaceId, id);
  }

  @Patch(':id')
  @RequireAccess('admin')
  @ApiOkResponse({ type: ChannelDto })
  update(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string, @Body() body: UpdateChannelDto): Promise<ChannelDto> {
    return this.channels.update(me.workspaceId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireAccess('admin')
  @ApiNoContentResponse({ description: 'ingestion stops (its webhook answers 404); conversations and messages stay' })
  async remove(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string): Promise<void> {
    await this.channels.remove(me.workspaceId, id);
  }

  @Get(':id/events')
  @RequireAccess('admin', 'lead')
  @ApiOkResponse({ type: ChannelEventListDto, description: 'stored deliveries, newest first; status=failed lists what needs a replay' })
  async listEvents(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string, @Query() query: ChannelEventsQuery): Promise<ChannelEventListDto> {
    return { items: await this.events.list(me.workspaceId, id, query.status, query.limit ?? 50) };
  }

  @Get(':id/events/:eventId')
  @RequireAccess('admin')
  @ApiOkResponse({ type: ChannelEventDto })
  event(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string, @Param('eventId', uuidPipe) eventId: string): Promise<ChannelEventDto> {
    return this.events.get(me.workspaceId, id, eventId);
  }

  @Post(':id/events/replay')
  @HttpCode(200)
  @RequireAccess('admin', 'lead')
  @ApiOkResponse({ type: ReplayResultDto, description: 'every failed event of the channel is processed again' })
  async replayAll(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string): Promise<ReplayResultDto> {
    return { replayed: await this.events.replay(me.workspaceId, id) };
  }

  @Post(':id/events/:eventId/replay')
  @HttpCode(200)
  @RequireAccess('admin', 'lead')
  @ApiOkResponse({ type: ReplayResultDto, description: 'a failed event is processed again (replayed 0 if it had not failed)' })
  async replay(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string, @Param('eventId', uuidPipe) eventId: string): Promise<ReplayResultDto> {
    return { replayed: await this.events.replay(me.workspaceId, id, eventId) };
  }
}
