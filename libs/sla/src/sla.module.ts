import { Module } from '@nestjs/common';

/** Business time and (with the SLA engine) policies, clocks, timers and reports. */
@Module({})
export class SlaModule {}
