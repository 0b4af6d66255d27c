import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentUser, type AuthUser } from '@app/identity';
import { PresenceService } from '@app/realtime';

class PresenceDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: ['online', 'away', 'offline'] }) status!: string;
  @ApiProperty({ description: 'when the status last changed' }) since!: string;
}

class PresenceListDto {
  @ApiProperty({ type: [PresenceDto] }) items!: PresenceDto[];
}

@ApiTags('live')
@ApiBearerAuth()
@Controller('api/presence')
export class PresenceController {
  constructor(private readonly presence: PresenceService) {}

  @Get()
  @ApiOkResponse({
    type: PresenceListDto,
    description:
      'Who of the workspace is online, away or offline. A member is online while connected over socket.io (or away, by `presence.set`), and offline once every connection has been closed for PRESENCE_GRACE_MS.',
  })
  async list(@CurrentUser() me: AuthUser): Promise<PresenceListDto> {
    const items = await this.presence.list(me.workspaceId);
    return { items: items.map(({ userId, status, since }) => ({ userId, status, since })) };
  }
}
