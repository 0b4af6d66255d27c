import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock/clock';
import { APP_CONFIG, ResolvedConfig } from './config/app-config';

/** The configuration validated at boot (by APP_CONFIG) and the clock, for every module. */
@Global()
@Module({})
export class CommonModule {
  static forRoot(config: ResolvedConfig): DynamicModule {
    return {
      module: CommonModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useClass: SystemClock },
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}
