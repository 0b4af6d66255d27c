import { Inject, Injectable, Logger } from '@nestjs/common';
import { ChangeSet } from '../events/change-set';
import { publishChanges } from '../events/publish-changes';
import { MESSAGE_COLUMNS, toMessageView } from '../conversations/views';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, isDatabaseUnavailable } from '@app/common';
import { adapterFor, ChannelsService, createHttpExecutor, NetworkError, type HttpExecutor, type SendOutcome } from '@app/channels';
import { backoffMs } from '../work/work-loop';
import { loadReplyContext } from './reply-context';
import { rows } from '@app/db';

interface ClaimedReply {
  message_id: string;
  workspace_id: string;
  channel_id: string;
  outbound_message_id: string;
  attempts: number;
}

const BATCH = 10;
/** How long a claimed reply is ours: beyond the HTTP timeout (15 s) and the recording of the platform's answer. */
const LEASE_SECONDS = 120;
/**
 * The platform's answer is recorded, through a database outage, until this long after the claim: the lease's end
 * less one retry. An outage outlasting the lease right after a platform took a reply can still send it twice.
 */
const RECORD_WITHIN_MS = (LEASE_SECONDS - 5) * 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Delivers queued replies through their channel's adapter. A row leaves the outbox when the reply is sent or has
 * failed for good; between attempts it waits with exponential backoff, never sooner than the platform's
 * retry-after. Delivery is at least once: a crash between the platform's answer and our commit sends again.
 */
@Injectable()
export class OutboundDeliveryService {
  private readonly logger = new Logger('OutboundDelivery');
  private readonly http: HttpExecutor = createHttpExecutor();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly channels: ChannelsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async tick(): Promise<number> {
    const claimed = await rows<ClaimedReply>(this.db, 
      `UPDATE outbox SET locked_until = now() + interval '${LEASE_SECONDS} seconds', attempts = attempts + 1
       WHERE message_id IN (
         SELECT message_id FROM outbox WHERE next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
         ORDER BY next_attempt_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
       RETURNING message_id, workspace_id, channel_id, outbound_message_id, attempts`,
    );
    // Settled, not all: a tick that returned while a sibling was still between the platform's answer and its record
    // would let a shutdown cut that record off, and the reply would go out again after its lease.
    const settled = await Promise.allSettled(claimed.map((reply) => this.deliver(reply)));
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return claimed.length;
  }

  private async deliver(reply: ClaimedReply): Promise<void> {
    const claimedAt = Date.now();
    let databaseAway = false;
    const outcome = await this.attempt(reply).catch((err: unknown): SendOutcome => {
      const error = err instanceof Error ? err.message : String(err);
      // Neither a platform that cannot be reached nor our own database being away says anything about the reply;
      // the database being away (before anything was sent) does not even spend an attempt.
      databaseAway = isDatabaseUnavailable(err);
      return err instanceof NetworkError || databaseAway ? { outcome: 'retry', error } : { outcome: 'failed', error };
    });
    const final = outcome.outcome === 'failed' || (outcome.outcome === 'retry' && !databaseAway && reply.attempts >= this.config.retryMaxAttempts);
    if (outcome.outcome !== 'sent') this.logger.warn(`reply ${reply.message_id} attempt ${reply.attempts}: ${outcome.error}${final ? ' (giving up)' : ''}`);
    await this.record(claimedAt, () => this.recordOutcome(reply, outcome, final, databaseAway));
  }

  /**
   * Writes what the platform answered. A reply the platform took must be recorded even when the database is away
   * for a moment, or it would be sent again once its lease expired: retried while the database is unavailable,
   * until shortly before the lease ends.
   */
  private async record(claimedAt: number, write: () => Promise<void>): Promise<void> {
    for (;;) {
      try {
        return await write();
      } catch (err) {
        if (!isDatabaseUnavailable(err) || Date.now() - claimedAt > RECORD_WITHIN_MS) throw err;
        await sleep(1_000);
      }
    }
  }

  private async recordOutcome(reply: ClaimedReply, outcome: SendOutcome, final: boolean, uncounted: boolean): Promise<void> {
    if (outcome.outcome === 'sent') return this.markSent(reply, outcome.externalId);
    if (final) {
      await this.db.transaction(async (m) => {
        await m.query(`UPDATE messages SET delivery_status = 'failed', delivery_error = $2 WHERE id = $1`, [reply.message_id, outcome.error.slice(0, 2000)]);
        await m.query(`DELETE FROM outbox WHERE message_id = $1`, [reply.message_id]);
        await publishChanges(m, reply.workspace_id, new ChangeSet().message(reply.message_id, 'updated'));
      });
      return;
    }
    const wait = backoffMs(this.config.retryBaseMs, reply.attempts, (('retryAfterSeconds' in outcome && outcome.retryAfterSeconds) || 0) * 1000);
    await this.db.query(
      `UPDATE outbox SET locked_until = NULL, last_error = $2, next_attempt_at = now() + ($3 || ' milliseconds')::interval,
         attempts = attempts - CASE WHEN $4 THEN 1 ELSE 0 END WHERE message_id = $1`,
      [reply.message_id, outcome.error.slice(0, 2000), String(wait), uncounted],
    );
  }

  private async attempt(reply: ClaimedReply): Promise<SendOutcome> {
    const channel = await this.channels.forWork(reply.workspace_id, reply.channel_id);
    if (!channel || channel.deletedAt) return { outcome: 'failed', error: 'the channel was deleted before the reply could be sent' };
    const [message] = (await this.db.query(`SELECT id, conversation_id, text, workspace_id FROM messages WHERE id = $1`, [reply.message_id])) as Array<{
      id: string;
      conversation_id: string;
      text: string;
      workspace_id: string;
    }>;
    if (!message) return { outcome: 'failed', error: 'the reply no longer exists' };
    const ctx = await loadReplyContext(this.db.manager, channel, { ...message, conversationId: message.conversation_id, workspaceId: message.workspace_id }, reply.outbound_message_id);
    const adapter = adapterFor(channel.type);
    const request = adapter.buildReply(ctx);
    return adapter.readReply(await this.http(request), ctx);
  }

  /**
   * Records the platform's id for the reply, so its echo and delivery statuses find it. An echo that arrived
   * before this answer was stored as a business message: that copy gives way to the reply it echoes.
   */
  private async markSent(reply: ClaimedReply, externalId: string | undefined): Promise<void> {
    await this.db.transaction(async (m) => {
      const changes = new ChangeSet().message(reply.message_id, 'updated');
      if (externalId) {
        const echoes = await rows<Record<string, unknown>>(
          m,
          `DELETE FROM messages WHERE channel_id = $1 AND external_id = $2 AND author_type = 'business' AND id <> $3 RETURNING ${MESSAGE_COLUMNS}`,
          [reply.channel_id, externalId, reply.message_id],
        );
        for (const echo of echoes) changes.messageRemoved(toMessageView(echo), reply.message_id);
      }
      await m.query(
        `UPDATE messages SET delivery_status = CASE WHEN delivery_status = 'queued' THEN 'sent' ELSE delivery_status END,
           external_id = COALESCE($2, external_id), delivery_error = NULL WHERE id = $1`,
        [reply.message_id, externalId ?? null],
      );
      await m.query(`DELETE FROM outbox WHERE message_id = $1`, [reply.message_id]);
      await publishChanges(m, reply.workspace_id, changes);
    });
  }
}
