import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ChannelType } from '../types/channel-type';

@Entity('channels')
export class ChannelEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'workspace_id' }) workspaceId!: string;
  @Column('text') type!: ChannelType;
  @Column('text') name!: string;
  @Column('jsonb') settings!: Record<string, string | number>;
  /** Sealed JSON of the credential fields. */
  @Column('text') secrets!: string;
  @Column('timestamptz', { name: 'deleted_at', nullable: true }) deletedAt!: Date | null;
  @Column('timestamptz', { name: 'poll_due_at', nullable: true }) pollDueAt!: Date | null;
  @Column('text', { name: 'poll_error', nullable: true }) pollError!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
