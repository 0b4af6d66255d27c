import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, RequireAccess, type AuthUser } from '@app/identity';
import { SlaReportService, slaReportCsv } from '@app/sla';
import { reportResponse } from './report-response';
import { SlaReportDto, SlaReportQuery } from './sla-reports.dto';

const DOC =
  'supervisor, lead, admin (an agent: 403 ACCESS_DENIED). Timeliness and consistency of the SLA outcomes whose clock started in [from, to), ' +
  'grouped by role, agent, channel, local day or local hour of the workspace time zone; `definitions` explains every number. ' +
  '`Accept: text/csv` answers the same rows as a CSV attachment. ' +
  '400 REPORT_RANGE_INVALID lists every problem with from/to (unreadable, repeated, from not before to, more than 400 days); ' +
  '400 VALIDATION_FAILED for an unknown groupBy or parameter.';

@ApiTags('sla')
@ApiBearerAuth()
@Controller('api/reports')
export class SlaReportsController {
  constructor(private readonly reports: SlaReportService) {}

  @Get('sla')
  @RequireAccess('supervisor', 'lead')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SlaReportDto, description: DOC })
  async sla(
    @CurrentUser() me: AuthUser,
    @Query() query: SlaReportQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SlaReportDto | string> {
    const report = await this.reports.report(me.workspaceId, query);
    return reportResponse(req, res, report, { csv: slaReportCsv, filename: (r) => this.reports.filename(r) });
  }
}
