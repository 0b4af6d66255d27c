import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('contacts')
export class ContactEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'workspace_id' }) workspaceId!: string;
  @Column('text', { nullable: true }) name!: string | null;
  @Column('text', { nullable: true }) username!: string | null;
  @Column('integer', { nullable: true }) followers!: number | null;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('uuid', { name: 'merged_into_id', nullable: true }) mergedIntoId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('contact_identities')
export class ContactIdentityEntity {
  @PrimaryColumn('uuid', { name: 'workspace_id' }) workspaceId!: string;
  @PrimaryColumn('text') platform!: string;
  @PrimaryColumn('text', { name: 'external_id' }) externalId!: string;
  @Column('uuid', { name: 'contact_id' }) contactId!: string;
  @Column('text', { nullable: true }) name!: string | null;
  @Column('text', { nullable: true }) username!: string | null;
  @Column('integer', { nullable: true }) followers!: number | null;
  @Column('text', { nullable: true }) email!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
