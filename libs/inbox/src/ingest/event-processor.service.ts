import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type QueryRunner } from 'typeorm';
import { APP_CONFIG, AppConfig, isDatabaseUnavailable } from '@app/common';
import { adapterFor, ChannelsService, createHttpExecutor, WebhookParseError, type Channel, type HttpExecutor, type NormalizedEvent } from '@app/channels';
import { isLockConflict, rows } from '@app/db';
import { backoffMs } from '../work/work-loop';
import { applyEvent } from './event-applier';
import { ChangeSet } from '../events/change-set';
import { publishEach } from '../events/publish-changes';
import { stripNul } from './strip-nul';
import { CONVERSATION_ROUTER, type ConversationRouter } from './conversation-router';
import { NO_SLA, SLA_TRACKER, type SlaTracker } from './sla-tracker';

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
const PER_TRANSACTION = 8;

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
    @Inject(CONVERSATION_ROUTER) private readonly router: ConversationRouter,
    @Optional() @Inject(SLA_TRACKER) private readonly sla: SlaTracker = NO_SLA,
  ) {}

  /**
   * Processes up to one batch of due events in PROCESSOR_CONCURRENCY lanes at once (the claims skip each other's
   * rows); returns how many it took.
   */
  async tick(): Promise<number> {
    let done = 0;
    const lane = async () => {
      while (done < BATCH) {
        const took = await this.processSome();
        if (took === 0) return;
        done += took;
      }
    };
    await Promise.all(Array.from({ length: this.config.processorConcurrency }, lane));
    return done;
  }

  /**
   * Claims up to PER_TRANSACTION events and applies them in one transaction, each in its own savepoint (a failing
   * one is rolled back and marked alone), then logs the domain events of all that succeeded at once: one claim,
   * one event-log append and one commit for the lot, which is where the round trips went.
   */
  private async processSome(): Promise<number> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      const events = await rows<ClaimedEvent>(
        runner,
        `SELECT id, workspace_id, channel_id, content_type, body, attempts, received_at FROM webhook_events
         WHERE status = 'pending' AND next_attempt_at <= now()
         ORDER BY next_attempt_at, received_at, id LIMIT ${PER_TRANSACTION} FOR UPDATE SKIP LOCKED`,
      );
      const published = new Map<string, ChangeSet>();
      const channels = new Map<string, Promise<Channel | null>>();
      for (const event of events) {
        const key = `${event.workspace_id}:${event.channel_id}`;
        if (!channels.has(key)) channels.set(key, this.channels.forWork(event.workspace_id, event.channel_id));
        const changes = await this.process(runner, event, () => channels.get(key)!);
        if (changes) published.set(event.workspace_id, (published.get(event.workspace_id) ?? new ChangeSet()).merge(changes));
      }
      await publishEach(runner.manager, published);
      await runner.commitTransaction();
      return events.length;
    } catch (err) {
      // A connection that died has nothing left to roll back; the error that killed it is the one to report.
      await runner.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }

  /** One event in its savepoint: its changes when applied, null when it failed (and was marked so). */
  private async process(runner: QueryRunner, event: ClaimedEvent, channelOf: () => Promise<Channel | null>): Promise<ChangeSet | null> {
    await runner.query('SAVEPOINT apply');
    try {
      const channel = await channelOf();
      if (!channel) throw new WebhookParseError('the channel no longer exists');
      const adapter = adapterFor(channel.type);
      const request = { method: 'POST' as const, headers: { 'content-type': event.content_type ?? undefined }, query: {}, rawBody: event.body };
      const events: NormalizedEvent[] = [];
      for (const ev of adapter.parse(request, channel.config)) {
        events.push(stripNul(ev.needsEnrichment && adapter.enrich ? await adapter.enrich(ev, channel.config, this.http) : ev));
      }
      const changes = new ChangeSet();
      for (const ev of events) await applyEvent(runner.manager, channel, ev, event.received_at, changes, this.router, this.sla);
      await runner.query(
        `UPDATE webhook_events SET status = 'processed', processed_at = now(), attempts = attempts + 1, last_error = NULL, event_count = $2 WHERE id = $1`,
        [event.id, events.length],
      );
      await runner.query('RELEASE SAVEPOINT apply');
      return changes;
    } catch (err) {
      // The database going away is no fault of the event: the whole batch rolls back and waits, no attempt spent.
      if (isDatabaseUnavailable(err)) throw err;
      await runner.query('ROLLBACK TO SAVEPOINT apply');
      await this.fail(runner, event, err);
      return null;
    }
  }

  private async fail(runner: QueryRunner, event: ClaimedEvent, err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    if (isLockConflict(err)) {
      this.logger.debug(`event ${event.id} clashed with concurrent work (${message}); back in the queue`);
      // Two lanes took the same hot conversations in another order: not the event's fault, so no attempt is spent
      // (a storm on one post would otherwise fail its comments for good); it goes back to the queue shortly.
      await runner.query(`UPDATE webhook_events SET next_attempt_at = now() + interval '50 milliseconds' * (1 + random()) WHERE id = $1`, [event.id]);
      return;
    }
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

