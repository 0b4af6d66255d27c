import { Global, Module } from '@nestjs/common';
import { SLA_TRACKER } from '@app/inbox';
import { BusinessHoursRepository } from './business-hours/business-hours.repository';
import { BusinessHoursService } from './business-hours/business-hours.service';
import { SlaBoardService } from './board/sla-board.service';
import { SlaEngine } from './clocks/sla-engine.service';
import { SlaPoliciesService } from './policies/sla-policies.service';
import { SlaPolicyRepository } from './policies/sla-policy.repository';
import { WorkspaceSettingsRepository } from './settings/workspace-settings.repository';
import { WorkspaceSettingsService } from './settings/workspace-settings.service';
import { BreachEscalation } from './timers/breach-escalation.service';
import { SlaReportRepository } from './reports/sla-report.repository';
import { SlaReportService } from './reports/sla-report.service';
import { SentimentReportService } from './reports/sentiment-report.service';

/**
 * Business time, SLA policies, clocks, timers' engine and reports. Global, because ingestion and the inbox's
 * services find the engine under SLA_TRACKER (the inbox library cannot import this one).
 */
@Global()
@Module({
  providers: [
    BusinessHoursRepository,
    BusinessHoursService,
    SlaPolicyRepository,
    SlaPoliciesService,
    WorkspaceSettingsRepository,
    WorkspaceSettingsService,
    SlaEngine,
    BreachEscalation,
    SlaBoardService,
    SlaReportRepository,
    SlaReportService,
    SentimentReportService,
    { provide: SLA_TRACKER, useExisting: SlaEngine },
  ],
  exports: [BusinessHoursService, SlaPolicyRepository, SlaPoliciesService, WorkspaceSettingsRepository, WorkspaceSettingsService, SlaEngine, SlaBoardService, SlaReportService, SentimentReportService, SLA_TRACKER],
})
export class SlaModule {}
