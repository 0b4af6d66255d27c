import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('login_throttle')
export class LoginThrottleEntity {
  @PrimaryColumn('text') key!: string;
  @Column('integer') failures!: number;
  @Column('timestamptz', { name: 'window_started_at' }) windowStartedAt!: Date;
  @Column('timestamptz', { name: 'blocked_until', nullable: true }) blockedUntil!: Date | null;
}
