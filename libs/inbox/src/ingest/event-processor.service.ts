import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/common';
import { adapterFor, ChannelsService, createHttpExecutor, WebhookParseError, type HttpExecutor, type NormalizedEvent } from '@app/channels';
import { backoffMs } from '../work/work-loop';
import { applyEvent } from './event-applier';
import { stripNul } from './strip-nul';
import { rows } from '@app/db';

interface ClaimedEvent {
  id: string;
  workspace_id: string;
  channel_id: string;
  content_type: string | null;
  body: Buffer;
  attempts: number;
  received_at: Date;
}

const BATCH = 20;
const LEASE = `interval '2 minutes'`;

/**
 * Turns stored deliveries into contacts, conversations and messages. Claims with SKIP LOCKED and a lease, so any
 * number of instances share the work and a crashed one's batch is taken over; each event and its effects commit
 * together, so an event is either fully applied or still pending.
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

  /** Processes one batch of due events; returns how many it took. */
  async tick(): Promise<number> {
    const claimed = await rows<ClaimedEvent>(this.db, 
      `UPDATE webhook_events SET locked_until = now() + ${LEASE}, attempts = attempts + 1
       WHERE id IN (
         SELECT id FROM webhook_events
         WHERE status = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
         ORDER BY received_at, id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
       RETURNING id, workspace_id, channel_id, content_type, body, attempts, received_at`,
    );
    claimed.sort((a, b) => a.received_at.getTime() - b.received_at.getTime() || a.id.localeCompare(b.id));
    for (const event of claimed) await this.process(event);
    return claimed.length;
  }

  private async process(event: ClaimedEvent): Promise<void> {
    try {
      const channel = await this.channels.forWork(event.workspace_id, event.channel_id);
      if (!channel) throw new WebhookParseError('the channel no longer exists');
      const adapter = adapterFor(channel.type);
      const request = { method: 'POST' as const, headers: { 'content-type': event.content_type ?? undefined }, query: {}, rawBody: event.body };
      const parsed = adapter.parse(request, channel.config);
      const events: NormalizedEvent[] = [];
      // Enrichment calls the platform, so it happens before the transaction opens.
      for (const ev of parsed) events.push(stripNul(ev.needsEnrichment && adapter.enrich ? await adapter.enrich(ev, channel.config, this.http) : ev));
      await this.db.transaction(async (m) => {
        for (const ev of events) await applyEvent(m, channel, ev, event.received_at);
        await m.query(
          `UPDATE webhook_events SET status = 'processed', processed_at = now(), locked_until = NULL, last_error = NULL, event_count = $2 WHERE id = $1`,
          [event.id, events.length],
        );
      });
    } catch (err) {
      await this.fail(event, err);
    }
  }

  private async fail(event: ClaimedEvent, err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    // A body its adapter cannot read will not become readable by waiting: it fails at once, for a replay after a fix.
    const final = err instanceof WebhookParseError || event.attempts >= this.config.retryMaxAttempts;
    const delay = backoffMs(this.config.retryBaseMs, event.attempts);
    this.logger.warn(`event ${event.id} attempt ${event.attempts} failed${final ? ' for good' : ''}: ${message}`);
    await this.db.query(
      `UPDATE webhook_events SET status = $2, last_error = $3, locked_until = NULL, next_attempt_at = now() + ($4 || ' milliseconds')::interval WHERE id = $1`,
      [event.id, final ? 'failed' : 'pending', message.slice(0, 2000), String(delay)],
    );
  }
}
