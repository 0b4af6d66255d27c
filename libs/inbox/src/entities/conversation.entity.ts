import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ChannelType, EventKind } from '@app/channels';

export type ConversationStatus = 'open' | 'pending' | 'snoozed' | 'resolved';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';

@Entity('conversations')
export class ConversationEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'workspace_id' }) workspaceId!: string;
  @Column('uuid', { name: 'channel_id' }) channelId!: string;
  @Column('text', { name: 'channel_type' }) channelType!: ChannelType;
  @Column('text') kind!: EventKind;
  @Column('text', { name: 'thread_key' }) threadKey!: string;
  /** The plus-address token of this conversation's e-mail replies (`support+conv_ab12cd34ef@...`). */
  @Column('text', { name: 'email_token' }) emailToken!: string;
  @Column('text') status!: ConversationStatus;
  @Column('timestamptz', { name: 'snoozed_until', nullable: true }) snoozedUntil!: Date | null;
  @Column('text') priority!: Priority;
  @Column('uuid', { name: 'role_id', nullable: true }) roleId!: string | null;
  @Column('uuid', { name: 'assignee_id', nullable: true }) assigneeId!: string | null;
  @Column('uuid', { name: 'contact_id', nullable: true }) contactId!: string | null;
  @Column('text', { nullable: true }) language!: string | null;
  @Column('text', { nullable: true }) sentiment!: string | null;
  @Column('text', { array: true }) tags!: string[];
  @Column('text', { nullable: true }) subject!: string | null;
  @Column('text', { name: 'sla_state' }) slaState!: string;
  @Column('timestamptz', { name: 'last_message_at' }) lastMessageAt!: Date;
  /** Since when the customer has waited for an answer; null once answered. */
  @Column('timestamptz', { name: 'waiting_since', nullable: true }) waitingSince!: Date | null;
  /** The first line of the latest customer message (message_preview()), and that message's platform time. */
  @Column('text', { nullable: true }) preview!: string | null;
  @Column('timestamptz', { name: 'preview_at', nullable: true }) previewAt!: Date | null;
  /** What the conversation is about: the post, page or video it was started on (the platform's link and title). */
  @Column('text', { name: 'context_url', nullable: true }) contextUrl!: string | null;
  @Column('text', { name: 'context_title', nullable: true }) contextTitle!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
