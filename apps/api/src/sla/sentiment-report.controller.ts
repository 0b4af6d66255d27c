import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, RequireAccess, type AuthUser } from '@app/identity';
import { SentimentReportService, sentimentReportCsv } from '@app/sla';
import { reportResponse } from './report-response';
import { SentimentReportDto, SentimentReportQuery } from './sentiment-report.dto';

const DOC =
  'supervisor, lead, admin (an agent: 403 ACCESS_DENIED). The conversations created in [from, to) counted by the sentiment they carry ' +
  '(that of their latest classified customer message; unknown when none is), by local day of the workspace time zone, role or channel, ' +
  'with the totals of the range. from and to are read exactly as by GET /api/reports/sla. ' +
  '`Accept: text/csv` answers the same rows as a CSV attachment (key,label,conversations,negative,neutral,positive,unknown). ' +
  '400 REPORT_RANGE_INVALID lists every problem with from/to; 400 VALIDATION_FAILED for an unknown groupBy or parameter.';

@ApiTags('sla')
@ApiBearerAuth()
@Controller('api/reports')
export class SentimentReportController {
  constructor(private readonly reports: SentimentReportService) {}

  @Get('sentiment')
  @RequireAccess('supervisor', 'lead')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: SentimentReportDto, description: DOC })
  async sentiment(
    @CurrentUser() me: AuthUser,
    @Query() query: SentimentReportQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SentimentReportDto | string> {
    const report = await this.reports.report(me.workspaceId, query);
    return reportResponse(req, res, report, { csv: sentimentReportCsv, filename: (r) => this.reports.filename(r) });
  }
}
