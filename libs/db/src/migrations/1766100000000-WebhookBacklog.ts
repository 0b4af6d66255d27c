import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The processor claims pending events in arrival order. Indexed by next_attempt_at, every claim read and sorted the
 * whole backlog (168 ms a claim at 100,000 pending, so a storm slowed its own draining); indexed in arrival order, a
 * claim reads the first few entries and skips the rare retry that is not yet due.
 */
export class WebhookBacklog1766100000000 implements MigrationInterface {
  name = 'WebhookBacklog1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX webhook_events_due_idx`);
    await q.query(`CREATE INDEX webhook_events_pending_idx ON webhook_events (received_at, id) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX webhook_events_pending_idx`);
    await q.query(`CREATE INDEX webhook_events_due_idx ON webhook_events (next_attempt_at) WHERE status = 'pending'`);
  }
}
