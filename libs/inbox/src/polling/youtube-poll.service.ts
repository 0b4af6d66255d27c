import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/common';
import { ChannelsService, createHttpExecutor, type HttpExecutor } from '@app/channels';
import { pollYoutube, type YoutubeCursor } from '@app/channels/adapters/youtube/youtube-poller';
import { WebhookIntakeService } from '../ingest/webhook-intake.service';
import { WorkSignals } from '../work/work-signals';
import { backoffMs } from '../work/work-loop';
import { rows } from '@app/db';

const LEASE_SECONDS = 120;

/**
 * YouTube has no webhooks: each channel is polled when its poll_due_at comes. The cursor lives on the channel
 * row, so a restart resumes where the last poll ended; responses are stored like webhook deliveries and the
 * processor takes them from there.
 */
@Injectable()
export class YoutubePollService {
  private readonly logger = new Logger('YoutubePoller');
  private readonly http: HttpExecutor = createHttpExecutor();
  private readonly failures = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly channels: ChannelsService,
    private readonly intake: WebhookIntakeService,
    private readonly signals: WorkSignals,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async tick(): Promise<number> {
    const due = await rows<{ id: string; workspace_id: string }>(this.db, 
      `UPDATE channels SET poll_due_at = now() + interval '${LEASE_SECONDS} seconds'
       WHERE id IN (SELECT id FROM channels WHERE type = 'youtube' AND deleted_at IS NULL AND poll_due_at <= now()
                    ORDER BY poll_due_at LIMIT 5 FOR UPDATE SKIP LOCKED)
       RETURNING id, workspace_id`,
    );
    for (const row of due) await this.poll(row.workspace_id, row.id);
    return due.length;
  }

  private async poll(workspaceId: string, channelId: string): Promise<void> {
    const channel = await this.channels.forWork(workspaceId, channelId);
    if (!channel) return;
    const [row] = (await this.db.query(`SELECT poll_cursor FROM channels WHERE id = $1`, [channelId])) as Array<{ poll_cursor: YoutubeCursor | null }>;
    try {
      const result = await pollYoutube(channel.config, row?.poll_cursor ?? null, this.http);
      for (const body of result.bodies) await this.intake.store(workspaceId, channelId, 'poll', 'application/json', Buffer.from(body, 'utf8'));
      await this.db.query(
        `UPDATE channels SET poll_cursor = $2, poll_error = NULL, poll_due_at = now() + ($3 || ' seconds')::interval WHERE id = $1`,
        [channelId, JSON.stringify(result.cursor), String(Number(channel.config.pollSeconds ?? 60))],
      );
      this.failures.delete(channelId);
      if (result.bodies.length > 0) this.signals.notify('events');
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const failures = (this.failures.get(channelId) ?? 0) + 1;
      this.failures.set(channelId, failures);
      const wait = Math.max(backoffMs(this.config.retryBaseMs, failures), Number(channel.config.pollSeconds ?? 60) * 1000);
      this.logger.warn(`youtube channel ${channelId} poll failed: ${message}`);
      await this.db.query(`UPDATE channels SET poll_error = $2, poll_due_at = now() + ($3 || ' milliseconds')::interval WHERE id = $1`, [
        channelId,
        message.slice(0, 1000),
        String(wait),
      ]);
    }
  }
}
