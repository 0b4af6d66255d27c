import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type QueryRunner } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/common';
import { adapterFor, ChannelsService, createHttpExecutor, WebhookParseError, type HttpExecutor, type NormalizedEvent } from '@app/channels';
import { rows } from '@app/db';
import { backoffMs } from '../work/work-loop';
import { applyEvent } from './event-applier';
import { ChangeSet } from '../events/change-set';
import { publishChanges } from '../events/publish-changes';
import { stripNul } from './strip-nul';

interface ClaimedEvent {
  id: string;
  workspace_id: string;
  channel_id: string;
  content_type: string | null;
  body: Buffer;
  attempts: number;
  received_at: Date;
}

const BATCH = 50;

/**
 * Turns stored deliveries into contacts, conversations and messages. Each event is claimed with
 * FOR UPDATE SKIP LOCKED inside the transaction that applies it: any number of instances share the work, an
 * event and its effects commit together, and the lock of a process that dies goes with its connection, so a
 * restarted desk carries on at once.
 */
@Injectable()
export class EventProcessorService {
  private readonly logger = new Logger('EventProcessor');
  private readonly http: HttpExecutor = createHttpExecutor();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly channels: ChannelsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Processes up to one batch of due events, one transaction each, in PROCESSOR_CONCURRENCY lanes at once (the
   * claims skip each other's rows); returns how many it took.
   */
  async tick(): Promise<number> {
    let done = 0;
    const lane = async () => {
      while (done < BATCH && (await this.processNext())) done++;
    };
    await Promise.all(Array.from({ length: this.config.processorConcurrency }, lane));
    return done;
  }

  private async processNext(): Promise<boolean> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const [event] = await rows<ClaimedEvent>(
        runner,
        `SELECT id, workspace_id, channel_id, content_type, body, attempts, received_at FROM webhook_events
         WHERE status = 'pending' AND next_attempt_at <= now()
         ORDER BY received_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (event) await this.process(runner, event);
      await runner.commitTransaction();
      return event !== undefined;
    } catch (err) {
      await runner.rollbackTransaction();
      throw err;
    } finally {
      await runner.release();
    }
  }

  private async process(runner: QueryRunner, event: ClaimedEvent): Promise<void> {
    await runner.query('SAVEPOINT apply');
    try {
      const channel = await this.channels.forWork(event.workspace_id, event.channel_id);
      if (!channel) throw new WebhookParseError('the channel no longer exists');
      const adapter = adapterFor(channel.type);
      const request = { method: 'POST' as const, headers: { 'content-type': event.content_type ?? undefined }, query: {}, rawBody: event.body };
      const events: NormalizedEvent[] = [];
      for (const ev of adapter.parse(request, channel.config)) {
        events.push(stripNul(ev.needsEnrichment && adapter.enrich ? await adapter.enrich(ev, channel.config, this.http) : ev));
      }
      const changes = new ChangeSet();
      for (const ev of events) await applyEvent(runner.manager, channel, ev, event.received_at, changes);
      await runner.query(
        `UPDATE webhook_events SET status = 'processed', processed_at = now(), attempts = attempts + 1, last_error = NULL, event_count = $2 WHERE id = $1`,
        [event.id, events.length],
      );
      await publishChanges(runner.manager, event.workspace_id, changes);
    } catch (err) {
      await runner.query('ROLLBACK TO SAVEPOINT apply');
      await this.fail(runner, event, err);
    }
  }

  private async fail(runner: QueryRunner, event: ClaimedEvent, err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    const attempt = event.attempts + 1;
    // A body its adapter cannot read will not become readable by waiting: it fails at once, for a replay after a fix.
    const final = err instanceof WebhookParseError || attempt >= this.config.retryMaxAttempts;
    this.logger.warn(`event ${event.id} attempt ${attempt} failed${final ? ' for good' : ''}: ${message}`);
    await runner.query(
      `UPDATE webhook_events SET status = $2, attempts = $3, last_error = $4, next_attempt_at = now() + ($5 || ' milliseconds')::interval WHERE id = $1`,
      [event.id, final ? 'failed' : 'pending', attempt, message.slice(0, 2000), String(backoffMs(this.config.retryBaseMs, attempt))],
    );
  }
}
