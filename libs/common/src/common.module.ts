import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './clock/clock';
import { APP_CONFIG, ResolvedConfig } from './config/app-config';

/** The configuration validated at boot (by APP_CONFIG) and the clock, for every module. */
@Global()
@Module({})
export class CommonModule {
  /** `clock` replaces the system clock (tests that move time). */
  static forRoot(config: ResolvedConfig, clock?: Clock): DynamicModule {
    return {
      module: CommonModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        clock ? { provide: Clock, useValue: clock } : { provide: Clock, useClass: SystemClock },
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}
