import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequireAccess, type AuthUser } from '@app/identity';
import { BusinessHoursService } from '@app/sla';
import { uuidPipe } from '../boot/uuid.pipe';
import { BusinessHoursDto, BusinessHoursListDto, CreateBusinessHoursDto, UpdateBusinessHoursDto } from './business-hours.dto';

const VALIDATION_DOC = '400 VALIDATION_FAILED lists every problem: unknown time zone, day outside 1-7, malformed times, `to` equal to `from`, overlapping intervals, impossible dates';

/** Working-hours calendars for roles and SLA policies: every member reads them; supervisors and admins edit them. */
@ApiTags('business hours')
@ApiBearerAuth()
@Controller('api/business-hours')
export class BusinessHoursController {
  constructor(private readonly calendars: BusinessHoursService) {}

  @Post()
  @RequireAccess('supervisor')
  @ApiCreatedResponse({ type: BusinessHoursDto, description: `supervisor, admin. ${VALIDATION_DOC}` })
  create(@CurrentUser() me: AuthUser, @Body() body: CreateBusinessHoursDto): Promise<BusinessHoursDto> {
    return this.calendars.create(me.workspaceId, body);
  }

  @Get()
  @ApiOkResponse({ type: BusinessHoursListDto, description: 'every calendar of the workspace, by name' })
  async list(@CurrentUser() me: AuthUser): Promise<BusinessHoursListDto> {
    return { items: await this.calendars.list(me.workspaceId) };
  }

  @Get(':id')
  @ApiOkResponse({ type: BusinessHoursDto, description: '404 BUSINESS_HOURS_NOT_FOUND' })
  get(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string): Promise<BusinessHoursDto> {
    return this.calendars.get(me.workspaceId, id);
  }

  @Patch(':id')
  @RequireAccess('supervisor')
  @ApiOkResponse({ type: BusinessHoursDto, description: `supervisor, admin. Fields left out stay; the result is checked as a whole. ${VALIDATION_DOC}` })
  update(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string, @Body() body: UpdateBusinessHoursDto): Promise<BusinessHoursDto> {
    return this.calendars.update(me.workspaceId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireAccess('supervisor')
  @ApiNoContentResponse({ description: 'supervisor, admin. roles using it lose their working hours (they are then always open)' })
  async remove(@CurrentUser() me: AuthUser, @Param('id', uuidPipe) id: string): Promise<void> {
    await this.calendars.remove(me.workspaceId, id);
  }
}
