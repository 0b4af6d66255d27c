import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The responsibility map, automatic assignment, history, escalation, working hours, canned responses and the reply
 * policy. Version numbers, assignment times and queue wake-ups are kept by triggers rather than by each code path:
 * a conversation changes in a dozen places (ingestion, replies, status, assignment, escalation, sweeps) and none of
 * them may forget to bump the version or to wake the assigner.
 */
export class Routing1764000000000 implements MigrationInterface {
  name = 'Routing1764000000000';

  async up(q: QueryRunner): Promise<void> {
    // Working-hours calendars: used by roles now (no automatic assignment outside them) and by SLA policies later.
    await q.query(`
      CREATE TABLE business_hours (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        name text NOT NULL,
        timezone text NOT NULL,
        weekly jsonb NOT NULL,
        holidays text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX business_hours_workspace_idx ON business_hours (workspace_id, created_at)`);

    await q.query(`
      ALTER TABLE roles
        ADD COLUMN acceptance_seconds integer CHECK (acceptance_seconds IS NULL OR acceptance_seconds > 0),
        ADD COLUMN business_hours_id uuid REFERENCES business_hours(id) ON DELETE SET NULL`);
    // Round robin hands the next conversation to the eligible member who got one longest ago.
    await q.query(`ALTER TABLE role_members ADD COLUMN last_assigned_at timestamptz`);

    // The map: every change is a new version; the newest is in force.
    await q.query(`
      CREATE TABLE responsibility_maps (
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        version integer NOT NULL,
        default_role_id uuid REFERENCES roles(id) ON DELETE SET NULL,
        rules jsonb NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workspace_id, version)
      )`);

    await q.query(`
      ALTER TABLE conversations
        ADD COLUMN version integer NOT NULL DEFAULT 1,
        ADD COLUMN map_version integer,
        ADD COLUMN route_rule text,
        ADD COLUMN assigned_at timestamptz,
        ADD COLUMN accept_due_at timestamptz`);
    await q.query(`CREATE INDEX conversations_queue_idx ON conversations (workspace_id, role_id) WHERE assignee_id IS NULL AND status = 'open'`);
    await q.query(`CREATE INDEX conversations_accept_due_idx ON conversations (accept_due_at) WHERE accept_due_at IS NOT NULL`);

    // Every assignment and (with the SLA engine) every SLA event of a conversation: who, when, why, which rule.
    await q.query(`
      CREATE TABLE conversation_history (
        id bigserial PRIMARY KEY,
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        conversation_id uuid NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        type text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_type text NOT NULL CHECK (actor_type IN ('system','user')),
        actor_id uuid,
        actor_name text,
        reason text,
        from_state jsonb,
        to_state jsonb,
        rule text,
        map_version integer
      )`);
    await q.query(`CREATE INDEX conversation_history_conversation_idx ON conversation_history (workspace_id, conversation_id, id)`);

    // Roles whose queue may now be handed out: something entered it, or someone came online or freed capacity.
    // A hint table without foreign keys: a role deleted meanwhile (whose cascade fires these triggers) is skipped
    // by the assigner, instead of failing the deletion or taking locks on the role.
    // One row per role and transaction, not per role: a claim deletes only rows it can see, so the hint of a
    // transaction still in flight survives the claim and is claimed once it commits. With one row per role, that
    // transaction's insert would have found a committed row (and added nothing), the claim would have deleted it and
    // run a pass that cannot see the uncommitted change, and the wake-up would have been lost.
    await q.query(`
      CREATE TABLE assignment_wakeups (
        role_id uuid NOT NULL,
        txid bigint NOT NULL DEFAULT txid_current(),
        workspace_id uuid NOT NULL,
        woken_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (role_id, txid)
      )`);
    await q.query(`
      CREATE FUNCTION wake_assignment(ws uuid, role uuid) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO assignment_wakeups (role_id, workspace_id) VALUES (role, ws) ON CONFLICT DO NOTHING;
        PERFORM pg_notify('desk_work', 'assign:db');
      END $$`);

    // When an assignee of this role must have acted by, counted from now; NULL when the role has no timer.
    await q.query(`
      CREATE FUNCTION acceptance_due(ws uuid, role uuid) RETURNS timestamptz LANGUAGE sql STABLE AS $$
        SELECT now() + make_interval(secs => r.acceptance_seconds) FROM roles r WHERE r.workspace_id = ws AND r.id = role
      $$`);
    // A conversation moved to another role with its assignee kept is timed by the new role, from the move.
    await q.query(`
      CREATE FUNCTION conversations_before_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.status, NEW.priority, NEW.role_id, NEW.assignee_id, NEW.tags, NEW.snoozed_until)
           IS DISTINCT FROM (OLD.status, OLD.priority, OLD.role_id, OLD.assignee_id, OLD.tags, OLD.snoozed_until) THEN
          NEW.version := OLD.version + 1;
        END IF;
        IF NEW.assignee_id IS DISTINCT FROM OLD.assignee_id THEN
          NEW.assigned_at := CASE WHEN NEW.assignee_id IS NULL THEN NULL ELSE now() END;
        END IF;
        IF NEW.assignee_id IS DISTINCT FROM OLD.assignee_id OR (NEW.role_id IS DISTINCT FROM OLD.role_id AND NEW.assignee_id IS NOT NULL) THEN
          NEW.accept_due_at := CASE WHEN NEW.assignee_id IS NULL THEN NULL ELSE acceptance_due(NEW.workspace_id, NEW.role_id) END;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER conversations_before_update BEFORE UPDATE ON conversations FOR EACH ROW EXECUTE FUNCTION conversations_before_update()`);

    await q.query(`
      CREATE FUNCTION conversations_wake_queue() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.role_id IS NOT NULL AND NEW.assignee_id IS NULL AND NEW.status = 'open' AND (TG_OP = 'INSERT'
            OR OLD.role_id IS DISTINCT FROM NEW.role_id OR OLD.assignee_id IS NOT NULL OR OLD.status <> 'open') THEN
          PERFORM wake_assignment(NEW.workspace_id, NEW.role_id);
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.role_id IS NOT NULL AND OLD.assignee_id IS NOT NULL AND OLD.status = 'open'
            AND (NEW.assignee_id IS DISTINCT FROM OLD.assignee_id OR NEW.role_id IS DISTINCT FROM OLD.role_id OR NEW.status <> 'open') THEN
          PERFORM wake_assignment(OLD.workspace_id, OLD.role_id);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER conversations_wake_queue AFTER INSERT OR UPDATE ON conversations FOR EACH ROW EXECUTE FUNCTION conversations_wake_queue()`);

    await q.query(`
      CREATE FUNCTION role_members_wake_queue() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM wake_assignment(NEW.workspace_id, NEW.role_id);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER role_members_wake_queue AFTER INSERT OR UPDATE OF capacity ON role_members FOR EACH ROW EXECUTE FUNCTION role_members_wake_queue()`);

    await q.query(`
      CREATE FUNCTION roles_wake_queue() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM wake_assignment(NEW.workspace_id, NEW.id);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER roles_wake_queue AFTER UPDATE OF assignment, business_hours_id ON roles FOR EACH ROW EXECUTE FUNCTION roles_wake_queue()`);

    await q.query(`
      CREATE FUNCTION user_presence_wake_queue() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'online' AND (TG_OP = 'INSERT' OR OLD.status <> 'online') THEN
          PERFORM wake_assignment(rm.workspace_id, rm.role_id) FROM role_members rm WHERE rm.workspace_id = NEW.workspace_id AND rm.user_id = NEW.user_id;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER user_presence_wake_queue AFTER INSERT OR UPDATE OF status ON user_presence FOR EACH ROW EXECUTE FUNCTION user_presence_wake_queue()`);

    // Voice and policy.
    await q.query(`
      CREATE TABLE canned_responses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
        role_id uuid REFERENCES roles(id) ON DELETE CASCADE,
        name text NOT NULL,
        shortcut text,
        language text,
        text text NOT NULL,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX canned_responses_workspace_idx ON canned_responses (workspace_id, role_id, name)`);
    await q.query(`CREATE UNIQUE INDEX canned_responses_shortcut_key ON canned_responses (workspace_id, lower(shortcut)) WHERE shortcut IS NOT NULL`);
    await q.query(`
      CREATE TABLE reply_policies (
        workspace_id uuid PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
        block_terms text[] NOT NULL DEFAULT '{}',
        warn_terms text[] NOT NULL DEFAULT '{}',
        approval_topics jsonb NOT NULL DEFAULT '[]',
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A reply held for a lead's approval is stored (nothing the agent wrote is lost) but not queued for sending.
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_delivery_status_check`);
    await q.query(`ALTER TABLE messages ADD CONSTRAINT messages_delivery_status_check CHECK (delivery_status IN ('held','rejected','queued','sent','delivered','read','failed'))`);
    await q.query(`ALTER TABLE messages ADD COLUMN hold jsonb, ADD COLUMN policy_warnings text[]`);
    await q.query(`CREATE INDEX messages_held_idx ON messages (workspace_id, created_at) WHERE delivery_status = 'held'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messages_held_idx`);
    await q.query(`ALTER TABLE messages DROP COLUMN hold, DROP COLUMN policy_warnings`);
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_delivery_status_check`);
    await q.query(`ALTER TABLE messages ADD CONSTRAINT messages_delivery_status_check CHECK (delivery_status IN ('queued','sent','delivered','read','failed'))`);
    await q.query(`DROP TABLE reply_policies`);
    await q.query(`DROP TABLE canned_responses`);
    await q.query(`DROP TRIGGER user_presence_wake_queue ON user_presence`);
    await q.query(`DROP FUNCTION user_presence_wake_queue()`);
    await q.query(`DROP TRIGGER roles_wake_queue ON roles`);
    await q.query(`DROP FUNCTION roles_wake_queue()`);
    await q.query(`DROP TRIGGER role_members_wake_queue ON role_members`);
    await q.query(`DROP FUNCTION role_members_wake_queue()`);
    await q.query(`DROP TRIGGER conversations_wake_queue ON conversations`);
    await q.query(`DROP FUNCTION conversations_wake_queue()`);
    await q.query(`DROP TRIGGER conversations_before_update ON conversations`);
    await q.query(`DROP FUNCTION conversations_before_update()`);
    await q.query(`DROP FUNCTION acceptance_due(uuid, uuid)`);
    await q.query(`DROP FUNCTION wake_assignment(uuid, uuid)`);
    await q.query(`DROP TABLE assignment_wakeups`);
    await q.query(`DROP TABLE conversation_history`);
    await q.query(`DROP INDEX conversations_accept_due_idx`);
    await q.query(`DROP INDEX conversations_queue_idx`);
    await q.query(`ALTER TABLE conversations DROP COLUMN version, DROP COLUMN map_version, DROP COLUMN route_rule, DROP COLUMN assigned_at, DROP COLUMN accept_due_at`);
    await q.query(`DROP TABLE responsibility_maps`);
    await q.query(`ALTER TABLE role_members DROP COLUMN last_assigned_at`);
    await q.query(`ALTER TABLE roles DROP COLUMN acceptance_seconds, DROP COLUMN business_hours_id`);
    await q.query(`DROP TABLE business_hours`);
  }
}
