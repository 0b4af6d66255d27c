import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { DataSource } from 'typeorm';
import { DomainException } from '@app/common';
import { adapterFor, ChannelsService, WebhookParseError, type HandshakeAnswer, type WebhookRequest } from '@app/channels';
import { WorkSignals } from '../work/work-signals';

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
    const stored = await this.store(channel.workspaceId, channel.id, 'webhook', req.headers['content-type'] ?? null, req.rawBody);
    if (!stored.duplicate) this.signals.notify('events');
    return { kind: 'stored', eventId: stored.id, duplicate: stored.duplicate, events };
  }

  /** Inserts once per (channel, body): a redelivery of the same bytes is acknowledged again but not stored twice. */
  async store(workspaceId: string, channelId: string, source: 'webhook' | 'poll', contentType: string | null, body: Buffer): Promise<{ id: string | null; duplicate: boolean }> {
    const sha = createHash('sha256').update(body).digest();
    const rows: Array<{ id: string }> = await this.db.query(
      `INSERT INTO webhook_events (workspace_id, channel_id, source, content_type, body, body_sha256)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (channel_id, body_sha256) DO NOTHING RETURNING id`,
      [workspaceId, channelId, source, contentType, body, sha],
    );
    return rows.length > 0 ? { id: rows[0]!.id, duplicate: false } : { id: null, duplicate: true };
  }
}
