import { Module } from '@nestjs/common';
import { InboxModule } from '@app/inbox';

/** TIMERS HELPER OWNS THIS FILE: the SLA timer loop (fires warnings and breaches on time). */
@Module({ imports: [InboxModule] })
export class SlaWorkersModule {}
