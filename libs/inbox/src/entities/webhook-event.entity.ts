import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type WebhookEventStatus = 'pending' | 'processed' | 'failed';

@Entity('webhook_events')
export class WebhookEventEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'workspace_id' }) workspaceId!: string;
  @Column('uuid', { name: 'channel_id' }) channelId!: string;
  @Column('text') source!: 'webhook' | 'poll';
  @Column('text', { name: 'content_type', nullable: true }) contentType!: string | null;
  @Column('bytea') body!: Buffer;
  @Column('bytea', { name: 'body_sha256' }) bodySha256!: Buffer;
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
  @Column('text') status!: WebhookEventStatus;
  @Column('integer') attempts!: number;
  @Column('timestamptz', { name: 'next_attempt_at' }) nextAttemptAt!: Date;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  @Column('timestamptz', { name: 'processed_at', nullable: true }) processedAt!: Date | null;
  @Column('integer', { name: 'event_count', nullable: true }) eventCount!: number | null;
}
