import { Global, Module } from '@nestjs/common';
import { SLA_TRACKER } from '@app/inbox';
import { BusinessHoursRepository } from './business-hours/business-hours.repository';
import { BusinessHoursService } from './business-hours/business-hours.service';
import { SlaEngine } from './clocks/sla-engine.service';
import { BreachEscalation } from './timers/breach-escalation.service';

/**
 * Business time, SLA policies, clocks, timers' engine and reports. Global, because ingestion and the inbox's
 * services find the engine under SLA_TRACKER (the inbox library cannot import this one).
 */
@Global()
@Module({
  providers: [BusinessHoursRepository, BusinessHoursService, SlaEngine, BreachEscalation, { provide: SLA_TRACKER, useExisting: SlaEngine }],
  exports: [BusinessHoursService, SlaEngine, SLA_TRACKER],
})
export class SlaModule {}
