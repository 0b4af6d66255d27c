import { MigrationInterface, QueryRunner } from 'typeorm';

export class Realtime1763800000000 implements MigrationInterface {
  name = 'Realtime1763800000000';

  async up(q: QueryRunner): Promise<void> {
    // Task-force roles and their members: who may read (and later be assigned) a role's conversations.
    await q.query(`
      CREATE TABLE roles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name text NOT NULL,
        description text,
        assignment text NOT NULL DEFAULT 'round_robin' CHECK (assignment IN ('round_robin','least_busy','manual')),
        escalation_role_id uuid REFERENCES roles(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX roles_name_key ON roles (workspace_id, lower(name))`);
    await q.query(`
      CREATE TABLE role_members (
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        role_id uuid NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        capacity integer CHECK (capacity IS NULL OR capacity >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (role_id, user_id)
      )`);
    await q.query(`CREATE INDEX role_members_user_idx ON role_members (workspace_id, user_id)`);
    await q.query(`ALTER TABLE conversations ADD CONSTRAINT conversations_role_fk FOREIGN KEY (role_id) REFERENCES roles(id) ON DELETE SET NULL`);

    // The event log. seq is handed out from event_sequences under its row lock, which is held until commit, so
    // a workspace's events commit in seq order: a reader never sees seq N+1 before N.
    await q.query(`
      CREATE TABLE event_sequences (
        workspace_id uuid PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
        last_seq bigint NOT NULL DEFAULT 0
      )`);
    await q.query(`
      CREATE TABLE domain_events (
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        seq bigint NOT NULL,
        type text NOT NULL,
        conversation_id uuid,
        role_ids uuid[] NOT NULL DEFAULT '{}',
        user_ids uuid[] NOT NULL DEFAULT '{}',
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, seq)
      )`);
    await q.query(`CREATE INDEX domain_events_age_idx ON domain_events (created_at)`);

    // Presence follows connections; connections belong to a server instance that proves it is alive.
    await q.query(`
      CREATE TABLE realtime_instances (
        id uuid PRIMARY KEY,
        started_at timestamptz NOT NULL DEFAULT now(),
        heartbeat_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE presence_connections (
        socket_id text PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES realtime_instances(id) ON DELETE CASCADE,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        connected_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX presence_connections_user_idx ON presence_connections (workspace_id, user_id)`);
    await q.query(`
      CREATE TABLE user_presence (
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('online','away','offline')),
        chosen text NOT NULL DEFAULT 'online' CHECK (chosen IN ('online','away')),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, user_id)
      )`);
    await q.query(`CREATE INDEX user_presence_live_idx ON user_presence (last_seen_at) WHERE status <> 'offline'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE conversations DROP CONSTRAINT conversations_role_fk`);
    for (const table of ['user_presence', 'presence_connections', 'realtime_instances', 'domain_events', 'event_sequences', 'role_members', 'roles']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
