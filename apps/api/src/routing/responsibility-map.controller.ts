import { Body, Controller, Get, HttpCode, Param, Post, Put, type PipeTransform } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DomainException } from '@app/common';
import { RequireAccess, type AuthUser, CurrentUser } from '@app/identity';
import { ResponsibilityMapService } from '@app/routing';
import { DryRunDto, DryRunResultDto, MapVersionListDto, PutResponsibilityMapDto, ResponsibilityMapDto } from './responsibility-map.dto';

/** Versions are integers; a path beyond the column's range is a bad request, not a database error. */
const versionPipe: PipeTransform<string, number> = {
  transform(value: string): number {
    const n = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n > 2_147_483_647) throw new DomainException('VALIDATION_FAILED', ['version must be a non-negative integer']);
    return n;
  },
};

/**
 * The responsibility map: who answers what. Every member reads it (agents see why a conversation reached them);
 * leads and admins save new versions. The dry run is open to every member too: it changes nothing.
 */
@ApiTags('responsibility map')
@ApiBearerAuth()
@Controller('api/responsibility-map')
export class ResponsibilityMapController {
  constructor(private readonly maps: ResponsibilityMapService) {}

  @Get()
  @ApiOkResponse({ type: ResponsibilityMapDto, description: 'the current version; before the first save {version: 0, defaultRoleId: null, rules: []}' })
  current(@CurrentUser() me: AuthUser): Promise<ResponsibilityMapDto> {
    return this.maps.current(me.workspaceId);
  }

  @Put()
  @RequireAccess('lead')
  @ApiBody({ type: PutResponsibilityMapDto })
  @ApiOkResponse({
    type: ResponsibilityMapDto,
    description:
      'lead, admin. Saves the next version (concurrent saves become consecutive versions). 400 VALIDATION_FAILED lists every ' +
      'offending field (`rules.2.then.roleId`), roles and channels that are not this workspace\'s included. Conversations keep ' +
      'the version that routed them',
  })
  // The body is unknown here on purpose: validateMap checks it whole and names nested fields by their index.
  put(@CurrentUser() me: AuthUser, @Body() body: unknown): Promise<ResponsibilityMapDto> {
    return this.maps.put(me, body);
  }

  @Get('versions')
  @ApiOkResponse({ type: MapVersionListDto })
  async versions(@CurrentUser() me: AuthUser): Promise<MapVersionListDto> {
    return { items: await this.maps.versions(me.workspaceId) };
  }

  @Get('versions/:version')
  @ApiOkResponse({ type: ResponsibilityMapDto, description: '404 MAP_VERSION_NOT_FOUND for a version never saved' })
  version(@CurrentUser() me: AuthUser, @Param('version', versionPipe) version: number): Promise<ResponsibilityMapDto> {
    return this.maps.version(me.workspaceId, version);
  }

  @Post('dry-run')
  @HttpCode(200)
  @ApiOkResponse({
    type: DryRunResultDto,
    description: 'who would get this message, and why: the same classification and decision ingestion applies, against the current map',
  })
  dryRun(@CurrentUser() me: AuthUser, @Body() body: DryRunDto): Promise<DryRunResultDto> {
    return this.maps.dryRun(me.workspaceId, {
      channelType: body.channelType,
      channelId: body.channelId ?? null,
      kind: body.kind,
      text: body.text,
      followers: body.followers ?? null,
    });
  }
}
