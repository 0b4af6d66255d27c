import { DynamicModule, Module } from '@nestjs/common';
import { CommonModule, LoggingModule, ResolvedConfig } from '@app/common';
import { DbModule } from '@app/db';
import { InboxWorkersModule } from '@app/inbox';
import { RoutingModule, RoutingWorkersModule } from '@app/routing';
import { SlaModule, SlaWorkersModule } from '@app/sla';

/**
 * The background workers alone, for running beside several API instances. Each worker library registers its
 * module here as it lands (event processing, SLA timers, outbound delivery, pollers); the API imports the same
 * modules when RUN_WORKERS is on.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: ResolvedConfig, databaseUrl: string): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CommonModule.forRoot(config), LoggingModule.forRoot(config.logLevel), DbModule.forRoot(databaseUrl), RoutingModule, SlaModule, InboxWorkersModule, RoutingWorkersModule, SlaWorkersModule],
    };
  }
}
