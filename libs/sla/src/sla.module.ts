import { Module } from '@nestjs/common';
import { BusinessHoursRepository } from './business-hours/business-hours.repository';
import { BusinessHoursService } from './business-hours/business-hours.service';

/** Business time and (with the SLA engine) policies, clocks, timers and reports. */
@Module({
  providers: [BusinessHoursRepository, BusinessHoursService],
  exports: [BusinessHoursService],
})
export class SlaModule {}
