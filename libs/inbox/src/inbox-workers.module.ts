import { BeforeApplicationShutdown, Inject, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common';
import { DATABASE_URL, PgListener } from '@app/db';
import { ConversationsService } from './conversations/conversations.service';
import { EventProcessorService } from './ingest/event-processor.service';
import { InboxModule } from './inbox.module';
import { OutboundDeliveryService } from './outbound/outbound-delivery.service';
import { YoutubePollService } from './polling/youtube-poll.service';
import { WorkLoop } from './work/work-loop';
import { WORK_CHANNEL, WorkSignals, type WorkKind } from './work/work-signals';

/** Starts the inbox's loops with the app and, on shutdown, lets the batch in flight finish before the pool closes. */
@Injectable()
export class InboxWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('InboxWorkers');
  private readonly loops: WorkLoop[] = [];
  private readonly unsubscribe: Array<() => void> = [];
  private listener?: PgListener;

  constructor(
    private readonly processor: EventProcessorService,
    private readonly outbound: OutboundDeliveryService,
    private readonly youtube: YoutubePollService,
    private readonly conversations: ConversationsService,
    private readonly signals: WorkSignals,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE_URL) private readonly databaseUrl: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.listener = new PgListener(this.databaseUrl, WORK_CHANNEL, (payload) => this.signals.received(payload), this.logger);
    await this.listener.start();
    this.add('events', 'event processing', () => this.processor.tick());
    this.add('outbox', 'outbound delivery', () => this.outbound.tick());
    this.add('polls', 'youtube polling', () => this.youtube.tick());
    this.add(null, 'snooze wake-up', () => this.conversations.wakeSnoozed());
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.unsubscribe.forEach((off) => off());
    await this.listener?.stop();
    await Promise.all(this.loops.map((loop) => loop.stop()));
  }

  private add(signal: WorkKind | null, name: string, tick: () => Promise<number>): void {
    const loop = new WorkLoop(name, tick, this.config.workerPollMs, this.logger);
    if (signal) this.unsubscribe.push(this.signals.on(signal, () => loop.kick()));
    this.loops.push(loop);
    loop.start();
  }
}

@Module({ imports: [InboxModule], providers: [InboxWorkers] })
export class InboxWorkersModule {}
