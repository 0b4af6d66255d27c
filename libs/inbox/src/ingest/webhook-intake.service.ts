import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, Clock, DomainException, type AppConfig } from '@app/common';
import { adapterFor, ChannelsService, WebhookParseError, type HandshakeAnswer, type WebhookRequest } from '@app/channels';
import { WorkSignals } from '../work/work-signals';
import { freshness, signedStampOf, type SignedStamp } from './webhook-replay-guard';

export type IntakeResult = { kind: 'handshake'; answer: HandshakeAnswer } | { kind: 'stored'; eventId: string | null; duplicate: boolean; events: number };

/**
 * The webhook's one job: check the delivery on its raw bytes, then store those bytes durably before the
 * platform gets its 2xx. Everything else happens later, in the processor, from the stored copy.
 */
@Injectable()
export class WebhookIntakeService {
  constructor(
    private readonly channels: ChannelsService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly signals: WorkSignals,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async receive(channelId: string, req: WebhookRequest): Promise<IntakeResult> {
    const channel = await this.channels.forDelivery(channelId);
    if (!channel) throw new DomainException('CHANNEL_NOT_FOUND', 'No channel with this id');
    const adapter = adapterFor(channel.type);
    if (req.method === 'GET') {
      const answer = adapter.handshake(req, channel.config);
      if (!answer) throw new DomainException('NO_HANDSHAKE', `This is not a ${channel.type} verification request`);
      return { kind: 'handshake', answer };
    }
    const verdict = adapter.verify(req, channel.config);
    if (!verdict.ok) throw new DomainException(verdict.status === 401 ? 'SIGNATURE_MISSING' : 'SIGNATURE_INVALID', verdict.reason);
    if (!isUtf8(req.rawBody)) throw new DomainException('WEBHOOK_UNPARSEABLE', 'Body is not valid UTF-8');
    let events: number;
    try {
      events = adapter.parse(req, channel.config).length;
    } catch (err) {
      if (err instanceof WebhookParseError) throw new DomainException('WEBHOOK_UNPARSEABLE', err.message);
      throw err;
    }
    const contentType = req.headers['content-type'] ?? null;
    const stamp = signedStampOf(channel.type, req, channel.config);
    const stored = stamp
      ? await this.storeStamped(channel.workspaceId, channel.id, contentType, req.rawBody, stamp)
      : await this.store(channel.workspaceId, channel.id, 'webhook', contentType, req.rawBody);
    if (!stored.duplicate) this.signals.notify('events');
    return { kind: 'stored', eventId: stored.id, duplicate: stored.duplicate, events };
  }

  /** Inserts once per (channel, body): a redelivery of the same bytes is acknowledged again but not stored twice. */
  async store(workspaceId: string, channelId: string, source: 'webhook' | 'poll', contentType: string | null, body: Buffer): Promise<{ id: string | null; duplicate: boolean }> {
    return insertEvent(this.db.manager, workspaceId, channelId, source, contentType, body, sha256(body));
  }

  /**
   * store() for a delivery whose signature covers only a timestamp and a one-time token (Mailgun): the same bytes
   * again are a duplicate, acknowledged as always, however late they come; other bytes are stored only while the
   * timestamp is within WEBHOOK_MAX_AGE_SECONDS of the clock and only if their token is new on the channel. The
   * token is claimed in the transaction that stores the event: both are kept, or neither.
   */
  private async storeStamped(workspaceId: string, channelId: string, contentType: string | null, body: Buffer, stamp: SignedStamp): Promise<{ id: string | null; duplicate: boolean }> {
    const sha = sha256(body);
    const verdict = freshness(stamp.timestamp, this.clock.now(), this.config.webhookMaxAgeSeconds);
    if (!verdict.fresh) {
      const seen: unknown[] = await this.db.query(`SELECT 1 FROM webhook_events WHERE channel_id = $1 AND body_sha256 = $2`, [channelId, sha]);
      if (seen.length > 0) return { id: null, duplicate: true };
      throw new DomainException('WEBHOOK_REPLAYED', `Refused as a replay: ${verdict.reason}`);
    }
    return this.db.transaction(async (tx) => {
      const stored = await insertEvent(tx, workspaceId, channelId, 'webhook', contentType, body, sha);
      if (stored.duplicate) return stored;
      // Waits for a concurrent claim of the same token to commit or roll back; throwing rolls the event back.
      const claimed: unknown[] = await tx.query(
        `INSERT INTO webhook_replay_tokens (workspace_id, channel_id, token, signed_at, webhook_event_id)
         VALUES ($1, $2, $3, to_timestamp($4), $5) ON CONFLICT (channel_id, token) DO NOTHING RETURNING token`,
        [workspaceId, channelId, stamp.token, stamp.timestamp, stored.id],
      );
      if (claimed.length === 0) throw new DomainException('WEBHOOK_REPLAYED', 'Refused as a replay: this signed token was already used by another delivery');
      return stored;
    });
  }
}

const sha256 = (body: Buffer): Buffer => createHash('sha256').update(body).digest();

async function insertEvent(
  db: EntityManager,
  workspaceId: string,
  channelId: string,
  source: 'webhook' | 'poll',
  contentType: string | null,
  body: Buffer,
  sha: Buffer,
): Promise<{ id: string | null; duplicate: boolean }> {
  const rows: Array<{ id: string }> = await db.query(
    `INSERT INTO webhook_events (workspace_id, channel_id, source, content_type, body, body_sha256)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (channel_id, body_sha256) DO NOTHING RETURNING id`,
    [workspaceId, channelId, source, contentType, body, sha],
  );
  return rows.length > 0 ? { id: rows[0]!.id, duplicate: false } : { id: null, duplicate: true };
}
