import { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhookReplay1763795000000 implements MigrationInterface {
  name = 'WebhookReplay1763795000000';

  async up(q: QueryRunner): Promise<void> {
    // The one-time tokens of deliveries whose signature covers a timestamp and a token but not the content
    // (Mailgun): claimed in the transaction that stores the delivery in webhook_events, so another mail reusing a
    // captured token is refused, while the same bytes again stay a plain duplicate of webhook_events.
    await q.query(`
      CREATE TABLE webhook_replay_tokens (
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        token text NOT NULL,
        signed_at timestamptz NOT NULL,
        webhook_event_id uuid REFERENCES webhook_events(id) ON DELETE SET NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel_id, token)
      )`);
    await q.query(`CREATE INDEX webhook_replay_tokens_workspace_idx ON webhook_replay_tokens (workspace_id, channel_id, signed_at)`);
    await q.query(`CREATE INDEX webhook_replay_tokens_event_idx ON webhook_replay_tokens (webhook_event_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_replay_tokens`);
  }
}
