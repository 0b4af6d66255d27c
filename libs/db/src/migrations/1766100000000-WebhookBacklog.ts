import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The processor claims the pending events that are due, in the order they became due (a new event is due when it
 * arrives, so that is arrival order). Indexed by next_attempt_at alone, every claim read and sorted the whole backlog
 * to order it (168 ms a claim at 100,000 pending, so a storm slowed its own draining); with the order in the index, a
 * claim reads its first few entries, and events waiting out a backoff lie past now() where no claim looks.
 */
export class WebhookBacklog1766100000000 implements MigrationInterface {
  name = 'WebhookBacklog1766100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX webhook_events_due_idx`);
    await q.query(`CREATE INDEX webhook_events_pending_idx ON webhook_events (next_attempt_at, received_at, id) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX webhook_events_pending_idx`);
    await q.query(`CREATE INDEX webhook_events_due_idx ON webhook_events (next_attempt_at) WHERE status = 'pending'`);
  }
}
