import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Attachment, DeliveryStatus } from '@app/channels';

export type Direction = 'inbound' | 'outbound' | 'note';
export type AuthorType = 'contact' | 'user' | 'business';

@Entity('messages')
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'workspace_id' }) workspaceId!: string;
  @Column('uuid', { name: 'conversation_id' }) conversationId!: string;
  @Column('uuid', { name: 'channel_id' }) channelId!: string;
  @Column('text') direction!: Direction;
  @Column('text', { name: 'author_type' }) authorType!: AuthorType;
  @Column('uuid', { name: 'author_id', nullable: true }) authorId!: string | null;
  @Column('text', { name: 'author_name', nullable: true }) authorName!: string | null;
  @Column('text') text!: string;
  @Column('jsonb') attachments!: Attachment[];
  @Column('text', { name: 'external_id', nullable: true }) externalId!: string | null;
  @Column('text', { name: 'parent_external_id', nullable: true }) parentExternalId!: string | null;
  @Column('jsonb', { name: 'reply_ref', nullable: true }) replyRef!: Record<string, string | string[] | undefined> | null;
  /** The platform's own time of the message. */
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'received_at' }) receivedAt!: Date;
  @Column('text', { name: 'delivery_status', nullable: true }) deliveryStatus!: DeliveryStatus | null;
  @Column('text', { name: 'delivery_error', nullable: true }) deliveryError!: string | null;
  @Column('boolean') edited!: boolean;
  /** Earlier texts, oldest first, each with when it was replaced. */
  @Column('jsonb', { name: 'edit_history' }) editHistory!: Array<{ text: string; replacedAt: string }>;
  @Column('boolean') deleted!: boolean;
  @Column('timestamptz', { name: 'deleted_at', nullable: true }) deletedAt!: Date | null;
}
