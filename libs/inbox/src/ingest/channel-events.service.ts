import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainException } from '@app/common';
import { ChannelsService } from '@app/channels';
import { WorkSignals } from '../work/work-signals';
import type { WebhookEventStatus } from '../entities/webhook-event.entity';
import { rows } from '@app/db';

export interface ChannelEventView {
  id: string;
  source: 'webhook' | 'poll';
  status: WebhookEventStatus;
  receivedAt: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  processedAt: string | null;
  events: number | null;
  size: number;
  body?: string;
}

const COLUMNS = `id, source, status, received_at, attempts, next_attempt_at, last_error, processed_at, event_count, octet_length(body) AS size`;

/** What a channel received, for admins: every stored delivery, its processing state and error, and a replay. */
@Injectable()
export class ChannelEventsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly channels: ChannelsService,
    private readonly signals: WorkSignals,
  ) {}

  async list(workspaceId: string, channelId: string, status: WebhookEventStatus | undefined, limit: number): Promise<ChannelEventView[]> {
    await this.channels.assertExists(workspaceId, channelId);
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT ${COLUMNS} FROM webhook_events WHERE workspace_id = $1 AND channel_id = $2 AND ($3::text IS NULL OR status = $3)
       ORDER BY received_at DESC, id DESC LIMIT $4`,
      [workspaceId, channelId, status ?? null, limit],
    );
    return rows.map((r) => toView(r));
  }

  async get(workspaceId: string, channelId: string, eventId: string): Promise<ChannelEventView> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT ${COLUMNS}, body FROM webhook_events WHERE workspace_id = $1 AND channel_id = $2 AND id = $3`,
      [workspaceId, channelId, eventId],
    );
    if (!rows[0]) throw new DomainException('EVENT_NOT_FOUND', 'Event not found');
    return { ...toView(rows[0]), body: (rows[0].body as Buffer).toString('utf8') };
  }

  /** Puts failed events (one, or all of the channel's) back in line with fresh attempts; returns how many. */
  async replay(workspaceId: string, channelId: string, eventId?: string): Promise<number> {
    await this.channels.assertExists(workspaceId, channelId);
    if (eventId) await this.get(workspaceId, channelId, eventId);
    const replayed = await rows(this.db, 
      `UPDATE webhook_events SET status = 'pending', attempts = 0, next_attempt_at = now()
       WHERE workspace_id = $1 AND channel_id = $2 AND status = 'failed' AND ($3::uuid IS NULL OR id = $3) RETURNING id`,
      [workspaceId, channelId, eventId ?? null],
    );
    if (replayed.length > 0) this.signals.notify('events');
    return replayed.length;
  }
}

function toView(r: Record<string, unknown>): ChannelEventView {
  return {
    id: r.id as string,
    source: r.source as 'webhook' | 'poll',
    status: r.status as WebhookEventStatus,
    receivedAt: (r.received_at as Date).toISOString(),
    attempts: r.attempts as number,
    nextAttemptAt: r.status === 'pending' ? (r.next_attempt_at as Date).toISOString() : null,
    lastError: (r.last_error as string | null) ?? null,
    processedAt: r.processed_at ? (r.processed_at as Date).toISOString() : null,
    events: (r.event_count as number | null) ?? null,
    size: Number(r.size),
  };
}
