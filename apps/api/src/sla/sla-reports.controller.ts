import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, RequireAccess, type AuthUser } from '@app/identity';
import { SlaReportService, slaReportCsv } from '@app/sla';
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
    // Content negotiation on Accept: JSON unless the client prefers CSV (a browser's */* gets JSON).
    res.vary('Accept');
    if (req.accepts(['application/json', 'text/csv']) !== 'text/csv') return report;
    // The name holds only digits, letters, - and . (see SlaReportService.filename): safe to quote as is.
    res.setHeader('Content-Disposition', `attachment; filename="${this.reports.filename(report)}"`);
    res.type('text/csv; charset=utf-8');
    return slaReportCsv(report);
  }
}
