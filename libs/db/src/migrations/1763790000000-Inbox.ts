import { MigrationInterface, QueryRunner } from 'typeorm';

export class Inbox1763790000000 implements MigrationInterface {
  name = 'Inbox1763790000000';

  async up(q: QueryRunner): Promise<void> {
    // Public config in settings; credentials sealed (AES-256-GCM, bound to the row id) in secrets.
    await q.query(`
      CREATE TABLE channels (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('facebook','instagram','whatsapp','x','telegram','youtube','linkedin','email','api')),
        name text NOT NULL,
        settings jsonb NOT NULL DEFAULT '{}',
        secrets text NOT NULL,
        deleted_at timestamptz,
        poll_cursor jsonb,
        poll_due_at timestamptz,
        poll_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX channels_workspace_idx ON channels (workspace_id, created_at)`);
    await q.query(`CREATE INDEX channels_poll_due_idx ON channels (poll_due_at) WHERE poll_due_at IS NOT NULL AND deleted_at IS NULL`);

    // Raw deliveries exactly as received, stored before the platform gets its 2xx; the processor works from here.
    await q.query(`
      CREATE TABLE webhook_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        source text NOT NULL CHECK (source IN ('webhook','poll')),
        content_type text,
        body bytea NOT NULL,
        body_sha256 bytea NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','processed','failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        processed_at timestamptz,
        event_count integer
      )`);
    // A redelivery of the same bytes is the same event: acknowledged again, stored once.
    await q.query(`CREATE UNIQUE INDEX webhook_events_dedupe_key ON webhook_events (channel_id, body_sha256)`);
    await q.query(`CREATE INDEX webhook_events_due_idx ON webhook_events (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX webhook_events_channel_idx ON webhook_events (workspace_id, channel_id, status, received_at DESC, id DESC)`);

    await q.query(`
      CREATE TABLE contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name text,
        username text,
        followers integer,
        email text,
        merged_into_id uuid REFERENCES contacts(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX contacts_workspace_idx ON contacts (workspace_id, created_at)`);
    // One identity per platform account; a merge moves identities, so lookups always land on the surviving contact.
    await q.query(`
      CREATE TABLE contact_identities (
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        platform text NOT NULL,
        external_id text NOT NULL,
        contact_id uuid NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        name text,
        username text,
        followers integer,
        email text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, platform, external_id)
      )`);
    await q.query(`CREATE INDEX contact_identities_contact_idx ON contact_identities (workspace_id, contact_id)`);

    await q.query(`
      CREATE TABLE conversations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        channel_id uuid NOT NULL REFERENCES channels(id),
        channel_type text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('comment','mention','message')),
        thread_key text NOT NULL,
        email_token text NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','pending','snoozed','resolved')),
        snoozed_until timestamptz,
        priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low','normal','high','urgent')),
        role_id uuid,
        assignee_id uuid REFERENCES users(id) ON DELETE SET NULL,
        contact_id uuid REFERENCES contacts(id),
        language text,
        sentiment text,
        tags text[] NOT NULL DEFAULT '{}',
        subject text,
        sla_state text NOT NULL DEFAULT 'none',
        last_message_at timestamptz NOT NULL,
        waiting_since timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX conversations_thread_key ON conversations (channel_id, thread_key)`);
    await q.query(`CREATE UNIQUE INDEX conversations_email_token_key ON conversations (channel_id, email_token)`);
    await q.query(`CREATE INDEX conversations_activity_idx ON conversations (workspace_id, last_message_at DESC, id DESC)`);
    await q.query(`CREATE INDEX conversations_status_idx ON conversations (workspace_id, status, last_message_at DESC, id DESC)`);
    await q.query(`CREATE INDEX conversations_assignee_idx ON conversations (workspace_id, assignee_id, last_message_at DESC)`);
    await q.query(`CREATE INDEX conversations_role_idx ON conversations (workspace_id, role_id, last_message_at DESC)`);
    await q.query(`CREATE INDEX conversations_contact_idx ON conversations (workspace_id, contact_id)`);
    await q.query(`CREATE INDEX conversations_snoozed_idx ON conversations (snoozed_until) WHERE status = 'snoozed'`);

    await q.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        channel_id uuid NOT NULL REFERENCES channels(id),
        direction text NOT NULL CHECK (direction IN ('inbound','outbound','note')),
        author_type text NOT NULL CHECK (author_type IN ('contact','user','business')),
        author_id uuid,
        author_name text,
        text text NOT NULL,
        attachments jsonb NOT NULL DEFAULT '[]',
        external_id text,
        parent_external_id text,
        reply_ref jsonb,
        created_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        delivery_status text CHECK (delivery_status IN ('queued','sent','delivered','read','failed')),
        delivery_error text,
        edited boolean NOT NULL DEFAULT false,
        edit_history jsonb NOT NULL DEFAULT '[]',
        deleted boolean NOT NULL DEFAULT false,
        deleted_at timestamptz,
        search tsvector GENERATED ALWAYS AS (to_tsvector('english', text) || to_tsvector('italian', text)) STORED
      )`);
    // The same platform message, however often and by whichever event it arrives, is one row.
    await q.query(`CREATE UNIQUE INDEX messages_external_key ON messages (channel_id, external_id)`);
    await q.query(`CREATE INDEX messages_conversation_idx ON messages (workspace_id, conversation_id, created_at, received_at)`);
    await q.query(`CREATE INDEX messages_search_idx ON messages USING gin (search)`);

    // A delete that arrived before its message (platforms deliver out of order): the message is born deleted.
    await q.query(`
      CREATE TABLE message_tombstones (
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        external_id text NOT NULL,
        deleted_at timestamptz NOT NULL,
        PRIMARY KEY (channel_id, external_id)
      )`);

    // A reply waiting for (or between) delivery attempts; written in the same transaction as its message.
    await q.query(`
      CREATE TABLE outbox (
        message_id uuid PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        channel_id uuid NOT NULL REFERENCES channels(id),
        outbound_message_id text NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX outbox_due_idx ON outbox (next_attempt_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['outbox', 'message_tombstones', 'messages', 'conversations', 'contact_identities', 'contacts', 'webhook_events', 'channels']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
