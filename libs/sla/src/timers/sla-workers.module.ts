import { BeforeApplicationShutdown, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '@app/common';
import { InboxModule, WorkSignals } from '@app/inbox';
import { SlaEngine } from '../clocks/sla-engine.service';
import { SlaTimer } from './sla-timer';

/**
 * The SLA timer, run with the app's workers (RUN_WORKERS, or apps/worker), beside InboxWorkersModule, whose listener
 * turns the database's NOTIFY 'sla:db' (sent at the commit of any new or moved deadline) into the 'sla' signal.
 * Started once the app is up, so its first pass fires whatever fell due while no worker ran; stopped on shutdown
 * after the batch in flight.
 */
@Injectable()
export class SlaWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('SlaTimer');
  private readonly timer: SlaTimer;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(
    engine: SlaEngine,
    private readonly clock: Clock,
    private readonly signals: WorkSignals,
  ) {
    this.timer = new SlaTimer(engine, clock, this.logger);
  }

  onApplicationBootstrap(): void {
    this.unsubscribe.push(this.signals.on('sla', () => this.timer.wake()));
    this.unsubscribe.push(this.clock.onJump(() => this.timer.wake()));
    this.timer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe.forEach((off) => off());
    await this.timer.stop();
  }
}

@Module({ imports: [InboxModule], providers: [SlaWorkers] })
export class SlaWorkersModule {}
